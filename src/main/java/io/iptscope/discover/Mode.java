package io.iptscope.discover;

import com.fasterxml.jackson.annotation.JsonValue;
import io.iptscope.rules.Backend;
import java.util.Optional;

/** The backend a binary reports in its {@code --version} output. */
public enum Mode {
    NF_TABLES("nf_tables"),
    LEGACY("legacy"),
    UNKNOWN("unknown");

    private final String id;

    Mode(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public Optional<Backend> backend() {
        return switch (this) {
            case NF_TABLES -> Optional.of(Backend.NFT);
            case LEGACY -> Optional.of(Backend.LEGACY);
            case UNKNOWN -> Optional.empty();
        };
    }
}
