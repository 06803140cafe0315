package io.iptscope.discover;

import com.fasterxml.jackson.annotation.JsonValue;

/** The command itself, its dumper and its loader. */
public enum ToolKind {
    BASE("base", ""),
    SAVE("save", "-save"),
    RESTORE("restore", "-restore");

    private final String id;
    private final String suffix;

    ToolKind(String id, String suffix) {
        this.id = id;
        this.suffix = suffix;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public String suffix() {
        return suffix;
    }
}
