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
}
