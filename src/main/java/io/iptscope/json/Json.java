package io.iptscope.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The one Jackson configuration of iptscope: reports, stores, {@code --json} output, nft's and crictl's JSON. */
public final class Json {

    /**
     * Reads tolerate unknown properties, so files written by newer versions stay readable. Instants are
     * ISO-8601 UTC text, {@link Instant#toString()}, as every file and JSON line had them when they were strings.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new SimpleModule("iptscope-instant")
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addDeserializer(Instant.class, new InstantText()))
            .build();

    /** Indented output: reports, stores and the {@code --json} of listing commands. */
    public static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    /** Whether {@link #warmUp} ran: once per process is enough (several threads may ask for it). */
    private static boolean warm;

    private Json() {
    }

    /**
     * Loads and links Jackson's reading and writing machinery (about 1000 classes) by using it once on something
     * tiny. A detection calls it on a spare thread while its commands run: otherwise the first nft listing parsed
     * after the reads pays for it on the critical path (0.2-1 s of a CLI run).
     */
    public static synchronized void warmUp() {
        if (warm) {
            return;
        }
        warm = true;
        try {
            MAPPER.readTree("{\"nftables\": [{\"chain\": {\"name\": \"x\", \"prio\": 0}}]}");
            PRETTY.writeValueAsString(java.util.Map.of("warm", java.util.List.of(1, "up", true)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Jackson cannot read its own warm-up JSON", e);
        }
    }

    private static final class InstantText extends StdScalarDeserializer<Instant> {

        InstantText() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 instant: %s",
                        e.getMessage());
            }
        }
    }
}
