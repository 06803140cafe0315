package io.iptscope.discover;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import java.util.List;
import java.util.Optional;

/**
 * Every binary name looked for in one binary source, found or not.
 *
 * @param source         how the source was given ({@code PATH}, a list of directories, {@code container:PID})
 * @param directories    the directories searched, in order
 * @param mountNamespace the mount namespace the binaries run in (a container's), null for the runner's own;
 *                       {@code io.iptscope.iptables.Endpoint} enters it
 */
public record BinaryInventory(String source, List<String> directories, List<BinaryInfo> binaries,
                              List<Alternatives> alternatives, String mountNamespace) {

    public BinaryInventory {
        directories = List.copyOf(directories);
        binaries = List.copyOf(binaries);
        alternatives = List.copyOf(alternatives);
    }

    public BinaryInfo get(Tool tool) {
        return binaries.stream().filter(b -> b.name().equals(tool.name())).findFirst()
                .orElse(BinaryInfo.missing(tool));
    }

    public BinaryInfo get(Family family, Variant variant, ToolKind kind) {
        return get(Tool.of(family, variant, kind));
    }

    public boolean has(Family family, Variant variant, ToolKind kind) {
        return get(family, variant, kind).found();
    }

    /** The backend the plain name ({@code iptables} / {@code ip6tables}) resolves to: the system default. */
    @JsonIgnore
    public Optional<Backend> systemDefault(Family family) {
        BinaryInfo plain = get(family, Variant.PLAIN, ToolKind.BASE);
        return plain.found() ? plain.mode().backend() : Optional.empty();
    }

    /**
     * The binary that reads {@code backend}'s rules for {@code family}: the backend's own {@code -save},
     * else the plain {@code -save} when its mode says it is that backend.
     */
    public Optional<BinaryInfo> saveBinaryFor(Backend backend, Family family) {
        BinaryInfo own = get(family, Variant.of(backend), ToolKind.SAVE);
        if (own.found()) {
            return Optional.of(own);
        }
        BinaryInfo plain = get(family, Variant.PLAIN, ToolKind.SAVE);
        return plain.found() && plain.mode().backend().orElse(null) == backend ? Optional.of(plain) : Optional.empty();
    }

    /** All three binaries of a backend variant present for a family. */
    public boolean hasAll(Family family, Variant variant) {
        for (ToolKind k : ToolKind.values()) {
            if (!has(family, variant, k)) {
                return false;
            }
        }
        return true;
    }
}
