package io.iptscope.report;

import io.iptscope.detect.Evidence;
import io.iptscope.detect.Finding;
import io.iptscope.detect.Inspection;
import io.iptscope.detect.NodeView;
import io.iptscope.detect.Verdict;
import io.iptscope.discover.BinaryInventory;
import io.iptscope.exec.CommandRecord;
import java.time.Instant;
import java.util.List;

/**
 * The saved result of a detection: self-contained, so that it can be attached to a ticket and
 * reopened later without access to the host. Schema: docs/report-schema.md.
 *
 * @param evidence what the netns holds, read with the trusted readers (the host's own tools)
 * @param node     owners, leftovers and the hook pipeline derived from it
 */
public record DetectionReport(String schema, ToolInfo tool, String generatedAt, String host, TargetInfo target,
                              BinaryInventory binaries, Evidence evidence, NodeView node, List<Verdict> verdicts,
                              List<Finding> findings, List<CommandRecord> commands) {

    public static final String SCHEMA = "iptscope.detection/2";

    public DetectionReport {
        verdicts = List.copyOf(verdicts);
        findings = List.copyOf(findings);
        commands = List.copyOf(commands);
    }

    public record ToolInfo(String name, String version) {
    }

    /** @param inode the netns inode, null when it could not be read */
    public record TargetInfo(String kind, String spec, String nsPath, Long inode) {
    }

    public static DetectionReport of(Inspection inspection, String host, List<CommandRecord> commands,
                                     Instant generatedAt) {
        TargetInfo target = new TargetInfo(inspection.target().kind(), inspection.target().spec(),
                inspection.target().nsPath().orElse(null), inspection.netnsInode());
        return new DetectionReport(SCHEMA, new ToolInfo("iptscope", ToolVersion.get()), generatedAt.toString(), host,
                target, inspection.observation().binaries(), inspection.observation().truth(),
                inspection.observation().node(), inspection.verdicts(), inspection.findings(), commands);
    }
}
