package io.iptscope.restore;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;

/** Where a dead-man's switch stands, read from its marker files on the target machine. */
public enum SwitchState {
    /** Waiting: rolls back when the time is up (or, without a timer, the restore is still being applied). */
    ARMED("armed"),
    CONFIRMED("confirmed"),
    ROLLING_BACK("rolling-back"),
    ROLLED_BACK("rolled-back"),
    /** The rollback did not complete: a step failed, or the netns was gone or replaced (nothing written then). */
    FAILED("failed"),
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

    /** Nothing will change this state any more. */
    public boolean settled() {
        return this == CONFIRMED || this == ROLLED_BACK || this == FAILED;
    }

    /** The marker file name in the transaction's state directory. */
    String marker() {
        return id;
    }

    static List<String> markers() {
        return Arrays.stream(values()).filter(s -> s != UNKNOWN).map(SwitchState::marker).toList();
    }
}
