package io.iptscope.discover;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import java.util.List;
import java.util.Optional;

/**
 * What discovery found for one binary name in the binary source.
 *
 * @param path          where the name was found (first directory of the source holding it), null if missing
 * @param symlinkChain  each link followed from {@code path} up to the real file (empty if not a link)
 * @param resolved      the real file
 * @param versionOutput the first line {@code --version} printed
 * @param note          what went wrong reading the version (e.g. a -save that rejects --version), or null
 */
public record BinaryInfo(String name, Family family, Variant variant, ToolKind kind, String path,
                         List<String> symlinkChain, String resolved, String version, Mode mode,
                         String versionOutput, String note) {

    public BinaryInfo {
        symlinkChain = symlinkChain == null ? List.of() : List.copyOf(symlinkChain);
        mode = mode == null ? Mode.UNKNOWN : mode;
    }

    public static BinaryInfo missing(Tool tool) {
        return new BinaryInfo(tool.name(), tool.family(), tool.variant(), tool.kind(), null, List.of(), null, null,
                Mode.UNKNOWN, null, null);
    }

    @JsonIgnore
    public boolean found() {
        return path != null;
    }

    @JsonIgnore
    public Optional<Version> parsedVersion() {
        return version == null ? Optional.empty() : Version.parse(version);
    }

    /** The backend this binary really talks to: from its --version mode, else from its variant name. */
    @JsonIgnore
    public Optional<Backend> effectiveBackend() {
        Optional<Backend> fromMode = mode.backend();
        return fromMode.isPresent() ? fromMode : variant == null ? Optional.empty() : variant.backend();
    }
}
