package io.iptscope.rules;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a {@link Ruleset} back as text.
 *
 * <ul>
 * <li>{@link #faithful}: every kept line verbatim, in source order. For real iptables-save output (either
 * backend, with or without {@code -c}) this gives back the very same bytes.</li>
 * <li>{@link #restore}: canonical iptables-restore input. LF only, a final newline, one {@code COMMIT} per
 * table, no comments, rules grouped by chain in declaration order (as iptables-save prints them) and every
 * argument quoted the way iptables-save does.</li>
 * </ul>
 */
public final class SaveWriter {

    /**
     * Per extension, the options whose value iptables-save prints with {@code xtables_save_string}: bare when it
     * is a plain word, else quoted.
     */
    private static final Map<String, Set<String>> SAVE_STRING = Map.of("comment", Set.of("--comment"),
            "LOG", Set.of("--log-prefix"), "NFLOG", Set.of("--nflog-prefix"), "cgroup", Set.of("--path"),
            "ULOG", Set.of("--ulog-prefix"));
    /** Per extension, the options whose value iptables-save always prints in double quotes. */
    private static final Map<String, Set<String>> ALWAYS_QUOTED = Map.of("string", Set.of("--string", "--hex-string"),
            "u32", Set.of("--u32"), "connlabel", Set.of("--label"), "LED", Set.of("--led-trigger-id"),
            "bpf", Set.of("--bytecode"));

    private SaveWriter() {
    }

    public static String faithful(Ruleset rs) {
        Object[] byLine = new Object[rs.lineCount() + 2];
        for (CommentLine c : rs.comments()) {
            byLine[c.line()] = c.text();
        }
        for (Table t : rs.tables()) {
            byLine[t.line()] = t.text();
            for (Chain c : t.chains()) {
                String decl = c.declaration();
                if (decl != null) {
                    byLine[c.line()] = decl;
                }
                for (Rule r : c.rules()) {
                    byLine[r.line()] = r;
                }
            }
            for (Rule r : t.commands()) {
                byLine[r.line()] = r;
            }
            if (t.commitLine() > 0) {
                byLine[t.commitLine()] = "COMMIT";
            }
        }
        StringBuilder out = new StringBuilder(estimate(rs));
        for (Object o : byLine) {
            if (o instanceof Rule r) {
                r.appendRaw(out);
                out.append('\n');
            } else if (o != null) {
                out.append((String) o).append('\n');
            }
        }
        return out.toString();
    }

    public static String restore(Ruleset rs) {
        StringBuilder out = new StringBuilder(estimate(rs));
        for (Table t : rs.tables()) {
            appendTable(t, out);
        }
        return out.toString();
    }

    /** One table as canonical restore input. */
    public static String restore(Table t) {
        StringBuilder out = new StringBuilder();
        appendTable(t, out);
        return out.toString();
    }

    private static void appendTable(Table t, StringBuilder out) {
        out.append('*').append(t.name()).append('\n');
        for (Chain c : t.chains()) {
            Counters ctr = c.counters() == null ? Counters.ZERO : c.counters();
            out.append(':').append(c.name()).append(' ').append(c.policy()).append(' ').append(ctr.format())
                    .append('\n');
        }
        for (Chain c : t.chains()) {
            for (Rule r : c.rules()) {
                appendCanonical(r, out);
            }
        }
        for (Rule r : t.commands()) {
            appendCanonical(r, out);
        }
        out.append("COMMIT\n");
    }

    /** One rule line as iptables-save would print its arguments. */
    public static String canonicalRule(Rule r) {
        StringBuilder sb = new StringBuilder(r.length() + 8);
        appendCanonical(r, sb);
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }

    private static void appendCanonical(Rule r, StringBuilder out) {
        if (r.counters() != null) {
            out.append(r.counters().format()).append(' ');
        }
        List<String> tokens = r.tokens();
        String previous = "";
        String extension = "";
        for (int i = 0; i < tokens.size(); i++) {
            String tok = tokens.get(i);
            if (i > 0) {
                out.append(' ');
            }
            if (ALWAYS_QUOTED.getOrDefault(extension, Set.of()).contains(previous)) {
                quoted(tok, out);
            } else if (SAVE_STRING.getOrDefault(extension, Set.of()).contains(previous)) {
                out.append(Tokenizer.quote(tok));
            } else {
                out.append(Tokenizer.quoteIfNeeded(tok));
            }
            if (EXTENSION_OPTIONS.contains(previous)) {
                extension = tok;
            }
            previous = tok;
        }
        out.append('\n');
    }

    private static final Set<String> EXTENSION_OPTIONS = Set.of("-m", "--match", "-j", "--jump", "-g", "--goto");

    /** What libxt_string's print_string does: quotes always, a backslash before {@code "} and {@code \\}. */
    private static void quoted(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }

    private static int estimate(Ruleset rs) {
        return (int) Math.min(Integer.MAX_VALUE - 16, 160L * rs.lineCount() + 64);
    }
}
