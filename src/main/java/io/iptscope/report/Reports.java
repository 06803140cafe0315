package io.iptscope.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iptscope.detect.TableEvidence;
import io.iptscope.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes reports as JSON. */
public final class Reports {

    /** Chain facts {@link #warmUp} writes: enough calls for the client compiler to compile their writing. */
    private static final int WARM_UP_FACTS = 1000;

    private static final ObjectMapper JSON = Json.MAPPER;

    /** Whether {@link #warmUp} ran: once per process is enough (a detection may ask twice). */
    private static boolean warm;

    private Reports() {
    }

    public static String toJson(DetectionReport report) {
        try {
            return Json.PRETTY.writeValueAsString(report);
        } catch (IOException e) {
            throw new IllegalStateException("report does not serialise", e);
        }
    }

    /**
     * Builds the serializers Jackson finds from a report's declared types (it introspects each record once: part of
     * the ~40 ms a cold {@link #writeJson} spends on serializers), so a detection can do it while its reads run.
     * Then writes a thousand chain facts nowhere: most of a big report is chain facts (35k at 100k kube-proxy
     * rules), and a command-line run writes them with the client compiler, whose code for them exists only after
     * some hundred calls; with this done beside the reads, writing that 10 MB report took 160-180 ms instead of
     * 250-680 ms (2 cores).
     */
    public static synchronized void warmUp() {
        if (warm) {
            return;
        }
        warm = true;
        Json.PRETTY.forType(DetectionReport.class);
        List<TableEvidence.ChainFacts> facts = new ArrayList<>();
        for (int i = 0; i < WARM_UP_FACTS; i++) {
            facts.add(new TableEvidence.ChainFacts("KUBE-SEP-" + i, i == 0, i == 0 ? "ACCEPT" : "-", i % 7,
                    "kube-proxy", i % 3 == 0 ? "DROP" : null, i % 2 == 0,
                    i == 0 ? List.of(new TableEvidence.RuleFacts("-A INPUT -j KUBE-SEP-1", "KUBE-SEP-1", null))
                            : List.of()));
        }
        try {
            Json.PRETTY.writeValue(Writer.nullWriter(), facts);
        } catch (IOException e) {
            throw new UncheckedIOException("writing nowhere failed", e);
        }
    }


    /**
     * Writes the JSON of {@link #toJson} to {@code out} as it is generated, without building it first: at 100k rules
     * the report holds every chain's facts (10 MB). {@code out} stays open.
     */
    public static void writeJson(DetectionReport report, Writer out) throws IOException {
        Json.PRETTY.without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, report);
    }

    public static DetectionReport fromJson(String json) throws IOException {
        DetectionReport r = JSON.readValue(json, DetectionReport.class);
        if (r.schema() == null || !r.schema().startsWith("iptscope.detection/")) {
            throw new IOException("not an iptscope detection report (schema: " + r.schema() + ")");
        }
        return r;
    }

    public static DetectionReport read(Path file) throws IOException {
        return fromJson(Files.readString(file));
    }

    public static void write(DetectionReport report, Path file) throws IOException {
        Files.writeString(file, toJson(report) + "\n");
    }
}
