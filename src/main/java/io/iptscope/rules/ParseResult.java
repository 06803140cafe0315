package io.iptscope.rules;

import java.util.List;
import java.util.Objects;

/** The model of what could be read, plus every error met on the way. */
public record ParseResult(Ruleset ruleset, List<ParseError> errors) {

    public ParseResult {
        Objects.requireNonNull(ruleset, "ruleset");
        errors = List.copyOf(errors);
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
