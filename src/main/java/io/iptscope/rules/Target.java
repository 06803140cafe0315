package io.iptscope.rules;

import java.util.List;
import java.util.Optional;

/** What a rule does: {@code -j NAME} (jump, or a target extension) or {@code -g CHAIN}, and its options. */
public record Target(Kind kind, String name, List<Option> options) {

    public enum Kind {
        JUMP,
        GOTO
    }

    public Target {
        options = List.copyOf(options);
    }

    public Optional<Option> option(String name) {
        for (Option o : options) {
            if (o.name().equals(name)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
