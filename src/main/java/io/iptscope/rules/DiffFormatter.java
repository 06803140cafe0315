package io.iptscope.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.iptscope.json.Json;
import java.util.List;
import java.util.Objects;

/** Renders a {@link RulesetDiff} as unified-diff-like text (optionally coloured) or as JSON. */
public final class DiffFormatter {

    private static final String RED = "\u001b[31m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String CYAN = "\u001b[36m";
    private static final String BOLD = "\u001b[1m";
    private static final String RESET = "\u001b[0m";


    /** The JSON document: the diff with its totals. */
    public record Document(String before, String after, boolean countersCompared, RulesetDiff.Summary summary,
                           List<RulesetDiff.TableDiff> tables) {
    }

    private DiffFormatter() {
    }

    /**
     * Lines start with {@code -} (only before), {@code +} (only after) or {@code ~} (moved); rule lines are the
     * raw lines of the dumps, so a removed rule reads {@code --A CHAIN ...}. {@code @@ *table :chain @@} opens
     * each changed chain. Empty for equal rulesets.
     */
    public static String text(RulesetDiff diff, boolean color) {
        if (diff.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        line(sb, color, BOLD, "--- " + diff.before());
        line(sb, color, BOLD, "+++ " + diff.after());
        for (RulesetDiff.TableDiff t : diff.tables()) {
            if (t.status() != RulesetDiff.Status.CHANGED) {
                line(sb, color, t.status() == RulesetDiff.Status.ADDED ? GREEN : RED, sign(t.status()) + "*" + t.name());
            }
            for (RulesetDiff.ChainDiff c : t.chains()) {
                chain(sb, color, t.name(), c, diff.countersCompared());
            }
        }
        return sb.toString();
    }

    private static void chain(StringBuilder sb, boolean color, String table, RulesetDiff.ChainDiff c,
                              boolean counters) {
        switch (c.status()) {
            case ADDED -> line(sb, color, GREEN, "+" + declaration(c.name(), c.policyAfter(), c.countersAfter()));
            case REMOVED -> line(sb, color, RED, "-" + declaration(c.name(), c.policyBefore(), c.countersBefore()));
            case CHANGED -> {
                line(sb, color, CYAN, "@@ *" + table + " :" + c.name() + " @@");
                if (c.policyChanged() || counters && !Objects.equals(c.countersBefore(), c.countersAfter())) {
                    line(sb, color, RED, "-" + declaration(c.name(), c.policyBefore(), c.countersBefore()));
                    line(sb, color, GREEN, "+" + declaration(c.name(), c.policyAfter(), c.countersAfter()));
                }
            }
            default -> throw new IllegalStateException(c.status().toString());
        }
        for (RulesetDiff.RuleChange r : c.rules()) {
            switch (r.kind()) {
                case ADDED -> line(sb, color, GREEN, "+" + r.after().text());
                case REMOVED -> line(sb, color, RED, "-" + r.before().text());
                case CHANGED -> {
                    line(sb, color, RED, "-" + r.before().text());
                    line(sb, color, GREEN, "+" + r.after().text());
                }
                case MOVED -> line(sb, color, YELLOW, "~" + r.after().text() + "  (moved from " + r.before().position()
                        + " to " + r.after().position() + ")");
                default -> throw new IllegalStateException(r.kind().toString());
            }
        }
    }

    public static String json(RulesetDiff diff) {
        try {
            return Json.PRETTY.writeValueAsString(new Document(diff.before(), diff.after(), diff.countersCompared(),
                    diff.summary(), diff.tables())) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("records of strings and numbers always serialise", e);
        }
    }

    private static String declaration(String name, String policy, Counters counters) {
        return ":" + name + " " + policy + (counters == null ? "" : " " + counters.format());
    }

    private static String sign(RulesetDiff.Status s) {
        return s == RulesetDiff.Status.ADDED ? "+" : "-";
    }

    private static void line(StringBuilder sb, boolean color, String ansi, String text) {
        if (color) {
            sb.append(ansi).append(text).append(RESET).append('\n');
        } else {
            sb.append(text).append('\n');
        }
    }
}
