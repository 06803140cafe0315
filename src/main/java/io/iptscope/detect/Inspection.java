package io.iptscope.detect;

import io.iptscope.exec.NetnsTarget;
import java.util.List;

/** One detection run: what was observed in the target and what follows from it. */
public record Inspection(NetnsTarget target, Long netnsInode, Observation observation, List<Verdict> verdicts,
                         List<Finding> findings) {

    public Inspection {
        verdicts = List.copyOf(verdicts);
        findings = List.copyOf(findings);
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }
}
