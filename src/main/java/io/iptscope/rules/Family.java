package io.iptscope.rules;

import com.fasterxml.jackson.annotation.JsonValue;

/** An address family as iptables separates it: one tool, one kernel table set each. */
public enum Family {
    IPV4("ipv4", "iptables"),
    IPV6("ipv6", "ip6tables");

    private final String id;
    private final String toolPrefix;

    Family(String id, String toolPrefix) {
        this.id = id;
        this.toolPrefix = toolPrefix;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** {@code iptables} or {@code ip6tables}: the stem of every binary name of this family. */
    public String toolPrefix() {
        return toolPrefix;
    }

    public static Family parse(String text) {
        for (Family f : values()) {
            if (f.id.equalsIgnoreCase(text) || f.toolPrefix.equalsIgnoreCase(text)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown family '" + text + "' (expected ipv4 or ipv6)");
    }
}
