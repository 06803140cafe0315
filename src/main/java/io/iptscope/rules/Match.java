package io.iptscope.rules;

import java.util.List;
import java.util.Optional;

/** A {@code -m module} and the options that follow it, in order. */
public record Match(String module, List<Option> options) {

    public Match {
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
