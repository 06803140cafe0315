package io.iptscope.detect;

import com.fasterxml.jackson.annotation.JsonValue;

public enum Severity {
    INFO("info"),
    WARNING("warning"),
    ERROR("error");

    private final String id;

    Severity(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }
}
