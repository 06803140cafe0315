package io.iptscope.rules;

/** A packet and byte counter pair as iptables-save prints it: {@code [packets:bytes]}; both unsigned 64-bit. */
public record Counters(long packets, long bytes) {

    public static final Counters ZERO = new Counters(0, 0);

    /** The save form, {@code [p:b]}. */
    public String format() {
        return "[" + Long.toUnsignedString(packets) + ":" + Long.toUnsignedString(bytes) + "]";
    }

    /** Parses {@code [p:b]} occupying exactly {@code s[from, to)}; null when the text is not in that form. */
    static Counters parse(String s, int from, int to) {
        if (to - from < 5 || s.charAt(from) != '[' || s.charAt(to - 1) != ']') {
            return null;
        }
        int colon = s.indexOf(':', from + 1);
        if (colon < 0 || colon >= to - 1 || !digits(s, from + 1, colon) || !digits(s, colon + 1, to - 1)) {
            return null;
        }
        try {
            long p = unsigned(s, from + 1, colon);
            long b = unsigned(s, colon + 1, to - 1);
            return p == 0 && b == 0 ? ZERO : new Counters(p, b);
        } catch (NumberFormatException overflow) {
            return null;
        }
    }

    private static boolean digits(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static long unsigned(String s, int from, int to) {
        if (to - from > 18) {
            // 19 and 20 digit values may exceed 2^64-1; let the JDK decide.
            return Long.parseUnsignedLong(s, from, to, 10);
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }
}
