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

    /**
     * A read that was attempted and did not complete. A missing binary or an unsupported family is a
     * fact about the source or kernel, which the strategies weigh; these are not.
     */
    public boolean leavesVerdictUnconfirmed() {
        return this == TIMEOUT || this == DENIED || this == FAILED;
    }

    @JsonValue
    public String id() {
        return id;
    }
}
