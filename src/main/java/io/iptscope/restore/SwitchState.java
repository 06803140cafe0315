package io.iptscope.restore;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a dead-man's switch stands, read from its marker files on the target machine. */
public enum SwitchState {
    /** Waiting: rolls back when the time is up. */
    ARMED("armed"),
    CONFIRMED("confirmed"),
    ROLLING_BACK("rolling-back"),
    ROLLED_BACK("rolled-back"),
    /** No marker: the state directory is gone (e.g. the machine rebooted, which dropped the rules anyway). */
    UNKNOWN("unknown");

    private final String id;

    SwitchState(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** The marker file name in the transaction's state directory. */
    String marker() {
        return id;
    }
}
