package io.iptscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.iptscope.detect.Basis;
import io.iptscope.detect.StrategyId;
import io.iptscope.json.Json;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reports written by earlier versions still open, and nothing they said is lost or reworded when written again. */
class OldReportsTest {

    private static final String SAMPLE = "/io/iptscope/ui/sample/sample-report.json";

    @Test
    void theSampleReportOfSchema1ReadsAndWritesBackEverythingItHeld() throws Exception {
        String text;
        try (InputStream in = OldReportsTest.class.getResourceAsStream(SAMPLE)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        DetectionReport report = Reports.fromJson(text);
        assertEquals("iptscope.detection/1", report.schema());
        assertTrue(report.verdicts().stream().anyMatch(v -> v.strategy() == StrategyId.WRAPPERS_V2),
                "strategies read as their constants");
        assertTrue(report.verdicts().stream().anyMatch(v -> v.basis() == Basis.DEFAULT), "bases too");
        JsonNode before = Json.MAPPER.readTree(text);
        JsonNode after = Json.MAPPER.readTree(Reports.toJson(report));
        assertTrue(before.path("verdicts").size() > 10);
        assertContained(before, after, "$");
    }

    /** Every field of {@code old} is in {@code now} with the same value; {@code now} may hold fields added since. */
    private static void assertContained(JsonNode old, JsonNode now, String path) {
        if (old.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = old.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                assertTrue(now.has(f.getKey()), path + "." + f.getKey() + " is kept");
                assertContained(f.getValue(), now.get(f.getKey()), path + "." + f.getKey());
            }
        } else if (old.isArray()) {
            assertEquals(old.size(), now.size(), path + " keeps its length");
            for (int i = 0; i < old.size(); i++) {
                assertContained(old.get(i), now.get(i), path + "[" + i + "]");
            }
        } else {
            assertEquals(old, now, path);
        }
    }
}
