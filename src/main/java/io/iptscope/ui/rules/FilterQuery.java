package io.iptscope.ui.rules;

import io.iptscope.rules.RuleFilter;

/**
 * The filter bar's query in the rules model's filter language ({@link RuleFilter}): valid, or invalid
 * with the message and the position of the error.
 */
public sealed interface FilterQuery {

    /** The query as typed. */
    String text();

    record Valid(String text, RuleFilter filter) implements FilterQuery {
        /** The empty query shows everything without evaluating a filter. */
        public boolean everything() {
            return text.isBlank();
        }
    }

    /** @param position 0-based offset of the error in the query text */
    record Invalid(String text, String message, int position) implements FilterQuery {
    }

    static FilterQuery compile(String text) {
        String q = text == null ? "" : text;
        RuleFilter.Compiled c = RuleFilter.compile(q);
        if (c instanceof RuleFilter.Compiled.Error err) {
            return new Invalid(q, err.message(), err.position());
        }
        return new Valid(q, ((RuleFilter.Compiled.Ok) c).filter());
    }
}
