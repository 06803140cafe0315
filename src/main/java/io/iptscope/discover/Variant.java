package io.iptscope.discover;

import com.fasterxml.jackson.annotation.JsonValue;
import io.iptscope.rules.Backend;
import java.util.Optional;

/** The three names each iptables tool has: the distro's choice, and one per backend. */
public enum Variant {
    PLAIN("plain", ""),
    LEGACY("legacy", "-legacy"),
    NFT("nft", "-nft");

    private final String id;
    private final String suffix;

    Variant(String id, String suffix) {
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

    public static Variant of(Backend backend) {
        return backend == Backend.LEGACY ? LEGACY : NFT;
    }

    /** The backend a variant name is bound to; the plain name is bound to none. */
    public Optional<Backend> backend() {
        return switch (this) {
            case PLAIN -> Optional.empty();
            case LEGACY -> Optional.of(Backend.LEGACY);
            case NFT -> Optional.of(Backend.NFT);
        };
    }
}
