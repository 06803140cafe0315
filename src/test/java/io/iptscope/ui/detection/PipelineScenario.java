package io.iptscope.ui.detection;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.iptscope.detect.Detector;
import io.iptscope.discover.BinarySource;
import io.iptscope.exec.LocalRunner;
import io.iptscope.report.DetectionReport;
import io.iptscope.testing.TestNetns;
import io.iptscope.ui.common.ReportOrigin;
import io.iptscope.ui.common.ShownReport;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A podman node: netavark forwards in native nft while a legacy FORWARD chain has policy DROP and no rules. */
final class PipelineScenario {

    private PipelineScenario() {
    }

    static ShownReport detect() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-legacy-restore", "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n"
                    + ":OUTPUT ACCEPT [0:0]\nCOMMIT\n");
            try (InputStream in = Detector.class.getResourceAsStream("writers/netavark-nftables.nft")) {
                assertNotNull(in, "writers/netavark-nftables.nft");
                ns.execWithInput(new String(in.readAllBytes(), StandardCharsets.UTF_8), "nft", "-f", "-");
            }
            return inspect(ns, "podman-node.json");
        }
    }

    /** A native forward chain that accepts what enters by eth9 and rejects the rest. */
    static ShownReport nativeRejectPassingOneInterface() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.execWithInput("table inet guard {\n  chain forward_guard {\n    type filter hook forward priority 10;\n"
                    + "    iifname \"eth9\" accept\n    reject\n  }\n}\n", "nft", "-f", "-");
            return inspect(ns, "guard.json");
        }
    }

    private static ShownReport inspect(TestNetns ns, String name) throws Exception {
        DetectionReport r = DetectionReport.of(new Detector(new LocalRunner(), Duration.ofSeconds(10))
                .inspect(ns.target(), new BinarySource.ProcessPath()), "local", List.of(), Instant.now());
        return new ShownReport(r, ReportOrigin.FILE, null, null, name, null);
    }
}
