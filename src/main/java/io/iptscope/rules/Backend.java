package io.iptscope.rules;

import com.fasterxml.jackson.annotation.JsonValue;

/** The two kernel backends behind the iptables command line. */
public enum Backend {
    LEGACY("legacy"),
    NFT("nft");

    private final String id;

    Backend(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** The binary-name suffix of this backend, e.g. {@code -nft} in {@code iptables-nft-save}. */
    public String suffix() {
        return "-" + id;
    }

    public Backend other() {
        return this == LEGACY ? NFT : LEGACY;
    }

    public static Backend parse(String text) {
        for (Backend b : values()) {
            if (b.id.equalsIgnoreCase(text)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown backend '" + text + "' (expected legacy or nft)");
    }
}
