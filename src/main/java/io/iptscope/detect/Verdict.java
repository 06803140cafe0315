package io.iptscope.detect;

import io.iptscope.rules.Family;
import java.util.List;

/**
 * What one strategy would choose for one family, with the binaries it would run and why.
 *
 * @param basis the kind of evidence that decided: {@code kubelet-hint}, {@code canary}, {@code rules},
 *              {@code line-count}, {@code tie}, {@code default}, {@code refused}, {@code failed}
 */
public record Verdict(String strategy, Family family, VerdictBackend backend, BinaryRef binary, BinaryRef save,
                      BinaryRef restore, String basis, List<TraceStep> trace) {

    public Verdict {
        trace = List.copyOf(trace);
    }
}
