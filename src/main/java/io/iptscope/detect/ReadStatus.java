package io.iptscope.detect;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a read of the kernel's state ended; anything but OK means the evidence is incomplete, not zero. */
public enum ReadStatus {
    OK("ok"),
    MISSING_BINARY("missing-binary"),
    TIMEOUT("timeout"),
    DENIED("denied"),
    UNSUPPORTED("unsupported"),
    FAILED("failed");

    private final String id;

    ReadStatus(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }
}
