package io.iptscope.ui.rules;

import io.iptscope.rules.RuleFilter;
import java.util.Optional;
import java.util.function.Function;

/**
 * The text columns of the rule table: what each shows of a rule and the filter term that keeps the rules
 * with the same value ("filter on this value").
 */
public enum RuleColumn {
    // Chain and Target fit a kube-proxy chain name (KUBE-SEP- and a 16-letter hash) with the jump arrow.
    CHAIN("Chain", 220, RuleRow::chain, "chain"),
    TARGET("Target", 250, RuleRow::target, "target"),
    TARGET_ARGUMENTS("Target arguments", 240, RuleRow::targetArguments, null),
    IN("In", 70, RuleRow::inInterface, "iface"),
    OUT("Out", 70, RuleRow::outInterface, "iface"),
    PROTOCOL("Prot", 50, RuleRow::protocol, "proto"),
    SOURCE("Source", 115, RuleRow::source, "src"),
    DESTINATION("Destination", 115, RuleRow::destination, "dst"),
    MATCHES("Matches", 260, RuleRow::matches, null),
    COMMENT("Comment", 260, RuleRow::comment, "comment");

    private final String header;
    private final double width;
    private final Function<RuleRow, String> value;
    private final String field;

    /** @param field the filter field of the column, or null when the value is searched as free text */
    RuleColumn(String header, double width, Function<RuleRow, String> value, String field) {
        this.header = header;
        this.width = width;
        this.value = value;
        this.field = field;
    }

    public String header() {
        return header;
    }

    public double width() {
        return width;
    }

    public String of(RuleRow row) {
        return value.apply(row);
    }

    /**
     * The term that finds the rules with this row's value in this column, or empty when the cell is empty.
     * A negated value ({@code ! docker0}) looks for the value itself; a jump is found by its chain's name.
     */
    public Optional<String> term(RuleRow row) {
        String v = this == TARGET ? row.jumpName() : of(row);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        if (v.startsWith("! ")) {
            v = v.substring(2);
        }
        return Optional.of(field == null ? RuleFilter.text(v) : RuleFilter.term(field, v));
    }
}
