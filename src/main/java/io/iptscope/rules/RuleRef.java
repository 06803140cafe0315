package io.iptscope.rules;

/** Where a rule stands: its line in the source, its 1-based place in its chain, its raw text and counters. */
public record RuleRef(int line, int position, String text, Counters counters) {

    static RuleRef of(Rule r, int index) {
        return new RuleRef(r.line(), index + 1, r.raw(), r.counters());
    }
}
