package io.iptscope.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one Jackson configuration of iptscope: reports, stores, {@code --json} output, nft's and crictl's JSON. */
public final class Json {

    /** Reads tolerate unknown properties, so files written by newer versions stay readable. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** Indented output: reports, stores and the {@code --json} of listing commands. */
    public static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private Json() {
    }

    /**
     * Loads and links Jackson's reading and writing machinery (about 1000 classes) by using it once on something
     * tiny. A detection calls it on a spare thread while its commands run: otherwise the first nft listing parsed
     * after the reads pays for it on the critical path (0.2-1 s of a CLI run).
     */
    public static void warmUp() {
        try {
            MAPPER.readTree("{\"nftables\": [{\"chain\": {\"name\": \"x\", \"prio\": 0}}]}");
            PRETTY.writeValueAsString(java.util.Map.of("warm", java.util.List.of(1, "up", true)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Jackson cannot read its own warm-up JSON", e);
        }
    }
}
