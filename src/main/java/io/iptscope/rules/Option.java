package io.iptscope.rules;

import java.util.List;

/** One option of a module, target or the rule itself: {@code --dport 80}, {@code ! --ctstate NEW}. */
public record Option(String name, List<String> values, Negation negation) {

    /** Where the {@code !} stood. */
    public enum Negation {
        NONE,
        /** {@code ! --mark 1}: the form iptables-save prints. */
        BEFORE_OPTION,
        /** {@code --mark ! 1}: the old form restore still accepts. */
        AFTER_OPTION
    }

    public Option {
        values = List.copyOf(values);
    }

    public boolean negated() {
        return negation != Negation.NONE;
    }

    /** The first value, or the empty string for a flag such as {@code --rcheck}. */
    public String value() {
        return values.isEmpty() ? "" : values.get(0);
    }
}
