package io.iptscope.ui.rules;

import io.iptscope.rules.Counters;
import io.iptscope.rules.Match;
import io.iptscope.rules.Option;
import io.iptscope.rules.Param;
import io.iptscope.rules.Rule;
import io.iptscope.rules.RuleSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A rule as the table shows it, made only for visible rows.
 *
 * @param number the rule number iptables uses in its chain (1-based)
 */
public record RuleRow(String table, Rule rule, int number) {

    public RuleSpec spec() {
        return rule.spec();
    }

    public String chain() {
        return rule.chain();
    }

    public String packets() {
        Counters c = rule.counters();
        return c == null ? "" : String.valueOf(c.packets());
    }

    public String bytes() {
        Counters c = rule.counters();
        return c == null ? "" : String.valueOf(c.bytes());
    }

    public String target() {
        RuleSpec s = spec();
        return s.target() == null ? "" : (s.target().kind() == io.iptscope.rules.Target.Kind.GOTO ? "goto " : "")
                + s.target().name();
    }

    /** The chain this rule jumps or goes to, when that is a chain name rather than a target extension. */
    public String jumpName() {
        RuleSpec s = spec();
        return s.target() == null ? null : s.target().name();
    }

    public String protocol() {
        return param(spec().protocol());
    }

    public String source() {
        return param(spec().source());
    }

    public String destination() {
        return param(spec().destination());
    }

    /** {@code -i}, with its {@code !}: {@code ! docker0}. */
    public String inInterface() {
        return param(spec().inInterface());
    }

    /** {@code -o}, with its {@code !}. */
    public String outInterface() {
        return param(spec().outInterface());
    }

    /**
     * What the target is told to do: {@code --to-destination 10.244.1.5:8080} of a DNAT, {@code --to-ports}
     * of a MASQUERADE, {@code --set-xmark 0x4000/0x4000} of a MARK; empty for a plain jump or verdict.
     */
    public String targetArguments() {
        RuleSpec s = spec();
        return s.target() == null ? "" : s.target().options().stream().map(RuleRow::option)
                .collect(Collectors.joining(" "));
    }

    /**
     * The matches except the comment and the interfaces (they have columns of their own), compactly:
     * {@code tcp --dport 80 · conntrack --ctstate NEW}.
     */
    public String matches() {
        List<String> parts = new ArrayList<>();
        spec().matches().stream().filter(m -> !m.module().equals("comment")).map(RuleRow::match).forEach(parts::add);
        return String.join(" · ", parts);
    }

    public String comment() {
        String c = spec().comment();
        return c == null ? "" : c;
    }

    /** The detail pane: the raw line, then every parsed field. */
    public String details() {
        RuleSpec s = spec();
        StringBuilder b = new StringBuilder();
        b.append("line ").append(rule.line()).append(" · table ").append(table).append(" · chain ").append(chain())
                .append(" · rule #").append(number).append("\n\n");
        b.append(rule.raw()).append("\n\n");
        field(b, "counters", rule.counters() == null ? "" : packets() + " packets, " + bytes() + " bytes");
        field(b, "protocol", protocol());
        field(b, "source", source());
        field(b, "destination", destination());
        field(b, "in interface", param(s.inInterface()));
        field(b, "out interface", param(s.outInterface()));
        field(b, "fragment", s.fragment() == null ? "" : (s.fragment().negated() ? "! " : "") + "-f");
        for (Match m : s.matches()) {
            field(b, "match " + m.module(), m.options().stream().map(RuleRow::option).collect(Collectors.joining(" ")));
        }
        if (s.target() != null) {
            field(b, s.target().kind() == io.iptscope.rules.Target.Kind.GOTO ? "goto" : "jump", s.target().name()
                    + s.target().options().stream().map(o -> " " + option(o)).collect(Collectors.joining()));
        }
        if (!s.otherOptions().isEmpty()) {
            field(b, "other", s.otherOptions().stream().map(RuleRow::option).collect(Collectors.joining(" ")));
        }
        return b.toString();
    }

    private static void field(StringBuilder b, String name, String value) {
        if (value != null && !value.isEmpty()) {
            b.append(String.format("%-16s %s%n", name, value));
        }
    }

    private static String param(Param p) {
        return p == null ? "" : (p.negated() ? "! " : "") + p.value();
    }

    private static String match(Match m) {
        String opts = m.options().stream().map(RuleRow::option).collect(Collectors.joining(" "));
        return m.module() + (opts.isEmpty() ? "" : " " + opts);
    }

    private static String option(Option o) {
        return (o.negated() ? "! " : "") + o.name() + (o.values().isEmpty() ? "" : " " + String.join(" ", o.values()));
    }
}
