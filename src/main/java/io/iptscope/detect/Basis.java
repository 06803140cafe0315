package io.iptscope.detect;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kind of evidence that decided a verdict; the id is the {@code basis} of a report (docs/report-schema.md). */
public enum Basis {
    KUBELET_HINT("kubelet-hint"),
    CANARY("canary"),
    RULES("rules"),
    LINE_COUNT("line-count"),
    TIE("tie"),
    DEFAULT("default"),
    REFUSED("refused"),
    FAILED("failed"),
    /** The component writes native nft, no iptables. */
    NFTABLES_MODE("nftables-mode"),
    /** An environment override of the modelled tool; the trace names the variable. */
    OVERRIDE("override"),
    /** Which kernel tables exist. */
    TABLES("tables");

    private final String id;

    Basis(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** The id, as reports, texts and the UI show it. */
    @Override
    public String toString() {
        return id;
    }
}
