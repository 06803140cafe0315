package io.iptscope.rules;

import java.util.Arrays;
import java.util.List;

/**
 * The argument splitter of iptables-restore ({@code add_param_to_argv} in iptables' xshared.c) and its
 * inverse, the quoting of {@code xtables_save_string}.
 *
 * <p>Spaces and tabs separate arguments, runs collapse. A {@code "} opens a quoted region even in the
 * middle of an argument; inside it {@code \x} yields {@code x}; the closing {@code "} ends the argument
 * (so {@code ""} is an empty argument and {@code "a"b} is two). Outside quotes a backslash is literal and
 * single quotes are ordinary characters.
 */
public final class Tokenizer {

    private Tokenizer() {
    }

    /** The arguments of a whole rule line (without its optional counters prefix). */
    public static List<String> tokenize(String line) {
        return split(line, 0, line.length()).asList();
    }

    /**
     * Quotes a value the way iptables-save prints strings: bare when it consists only of
     * {@code [A-Za-z0-9_-]}, otherwise in double quotes with {@code "}, {@code \} and {@code '} escaped by a
     * backslash. The empty string becomes {@code ""}.
     */
    public static String quote(String value) {
        if (!value.isEmpty() && isBareWord(value)) {
            return value;
        }
        StringBuilder sb = new StringBuilder(value.length() + 4).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c == '\'') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    /** True when {@link #quote} would print the value bare. */
    static boolean isBareWord(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Quotes only when the restore tokenizer would otherwise read the value differently (blanks, quotes,
     * backslashes, emptiness); then it uses {@link #quote}'s escaping.
     */
    static String quoteIfNeeded(String value) {
        if (value.isEmpty()) {
            return "\"\"";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '"' || c == '\\' || c == '\'') {
                return quote(value);
            }
        }
        return value;
    }

    /** Splits {@code s[from, to)}. Arguments without quotes are plain substrings: no copying through a buffer. */
    static Tokens split(String s, int from, int to) {
        Tokens out = new Tokens();
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n') {
                i++;
                continue;
            }
            int start = i;
            while (i < to) {
                c = s.charAt(i);
                if (c == ' ' || c == '\t' || c == '\n' || c == '"') {
                    break;
                }
                i++;
            }
            if (i == to || c != '"') {
                out.add(s.substring(start, i), false, start);
                continue;
            }
            i = quoted(s, start, i, to, out);
        }
        return out;
    }

    /** Finishes an argument that has a quote at {@code quote}; returns where scanning goes on. */
    private static int quoted(String s, int start, int quote, int to, Tokens out) {
        StringBuilder cur = new StringBuilder().append(s, start, quote);
        int i = quote + 1;
        boolean escaped = false;
        while (i < to) {
            char c = s.charAt(i++);
            if (escaped) {
                cur.append(c);
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                out.add(cur.toString(), true, start);
                return i;
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString(), true, start);
        }
        return to;
    }

    /** Arguments with, for each, whether any part was quoted and where it starts in the line. */
    static final class Tokens {
        private String[] values = new String[16];
        private boolean[] quoted = new boolean[16];
        private int[] starts = new int[16];
        private int size;

        private void add(String value, boolean wasQuoted, int start) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
                quoted = Arrays.copyOf(quoted, size * 2);
                starts = Arrays.copyOf(starts, size * 2);
            }
            values[size] = value;
            quoted[size] = wasQuoted;
            starts[size] = start;
            size++;
        }

        int size() {
            return size;
        }

        String get(int i) {
            return values[i];
        }

        boolean quoted(int i) {
            return quoted[i];
        }

        int start(int i) {
            return starts[i];
        }

        List<String> asList() {
            return List.of(Arrays.copyOf(values, size));
        }
    }
}
