package io.iptscope.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iptscope.json.Json;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes reports as JSON. */
public final class Reports {

    private static final ObjectMapper JSON = Json.MAPPER;

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
     * Serializers chosen by a value's runtime class, as for the elements of some lists, still come on first use.
     */
    public static void warmUp() {
        Json.PRETTY.forType(DetectionReport.class);
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
