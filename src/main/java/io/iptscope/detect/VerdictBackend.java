package io.iptscope.detect;

import com.fasterxml.jackson.annotation.JsonValue;
import io.iptscope.rules.Backend;
import java.util.Optional;

/** A strategy's choice: one of the backends, or none when it would fail or refuse. */
public enum VerdictBackend {
    LEGACY("legacy"),
    NFT("nft"),
    NONE("none");

    private final String id;

    VerdictBackend(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public static VerdictBackend of(Backend backend) {
        return backend == Backend.LEGACY ? LEGACY : NFT;
    }

    public Optional<Backend> backend() {
        return switch (this) {
            case LEGACY -> Optional.of(Backend.LEGACY);
            case NFT -> Optional.of(Backend.NFT);
            case NONE -> Optional.empty();
        };
    }
}
