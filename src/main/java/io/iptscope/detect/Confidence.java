package io.iptscope.detect;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Whether a verdict stands on complete evidence. {@code UNCONFIRMED}: a read it depends on timed out,
 * failed or was denied, so the verdict was made as if that backend were empty and may be wrong.
 */
public enum Confidence {
    CONFIRMED("confirmed"),
    UNCONFIRMED("unconfirmed");

    private final String id;

    Confidence(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }
}
