package io.iptscope.remote;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** How a remote host gives root; stored with the host, so never a password. */
public enum PrivilegeMode {
    /** Direct when logged in as root, else {@code sudo -n}, else {@code sudo -S} with a password. */
    AUTO("auto"),
    DIRECT("direct"),
    SUDO_N("sudo-n"),
    SUDO_PASSWORD("sudo-password");

    private final String id;

    PrivilegeMode(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static PrivilegeMode parse(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown privilege mode '" + id
                        + "'; expected auto, direct, sudo-n or sudo-password"));
    }

    @Override
    public String toString() {
        return id;
    }
}
