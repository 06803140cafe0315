package io.iptscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iptscope.detect.Detector;
import io.iptscope.detect.Inspection;
import io.iptscope.discover.BinarySource;
import io.iptscope.exec.CommandLog;
import io.iptscope.exec.LocalRunner;
import io.iptscope.exec.RecordingRunner;
import io.iptscope.testing.TestNetns;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportJsonTest {

    @Test
    void aSavedReportReopensEqualAndFollowsTheDocumentedSchema(@TempDir Path tmp) throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-legacy-restore", "*nat\n:PREROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n"
                    + "-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\nCOMMIT\n");
            ns.restore("iptables-nft-restore", "*mangle\n:KUBE-IPTABLES-HINT - [0:0]\nCOMMIT\n"
                    + "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m comment --comment \"it's \\\"quoted\\\"\" -j ACCEPT\nCOMMIT\n");
            CommandLog log = new CommandLog();
            Inspection i = new Detector(new RecordingRunner(new LocalRunner(), log), Duration.ofSeconds(10))
                    .inspect(ns.target(), new BinarySource.ProcessPath());
            DetectionReport report = DetectionReport.of(i, "local", log.snapshot(), Instant.parse("2026-11-21T10:00:00Z"));

            Path file = tmp.resolve("report.json");
            Reports.write(report, file);
            DetectionReport back = Reports.read(file);
            assertEquals(report, back);

            JsonNode json = new ObjectMapper().readTree(file.toFile());
            assertEquals("iptscope.detection/2", json.path("schema").asText());
            assertEquals("netns:" + ns.name(), json.path("target").path("spec").asText());
            JsonNode verdict = json.path("verdicts").get(0);
            for (String field : new String[] {"strategy", "family", "backend", "binary", "save", "restore", "basis", "trace"}) {
                assertTrue(verdict.has(field), field);
            }
            assertTrue(verdict.path("family").asText().matches("ipv4|ipv6"));
            assertTrue(verdict.path("backend").asText().matches("legacy|nft|none"));
            JsonNode finding = json.path("findings").get(0);
            assertTrue(finding.has("id") && finding.has("severity") && finding.has("message"));
            assertTrue(json.path("commands").size() > 5);
            assertTrue(json.path("commands").get(0).has("argv") && json.path("commands").get(0).has("exitCode"));
            JsonNode legacyV4 = json.path("evidence").path("families").get(0).path("legacy");
            assertEquals("legacy", legacyV4.path("backend").asText());
            assertEquals(1, legacyV4.path("ruleCount").asInt());
        }
    }

    @Test
    void somethingElseIsNotAReport() {
        assertThrows(IOException.class, () -> Reports.fromJson("{\"schema\":\"other/1\"}"));
        assertThrows(IOException.class, () -> Reports.fromJson("not json"));
    }
}
