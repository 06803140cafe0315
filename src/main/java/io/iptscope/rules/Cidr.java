package io.iptscope.rules;

/**
 * An IPv4 or IPv6 network: address bits (IPv4 in the low 32 bits of {@code lo}) and a prefix length,
 * always masked. Parses what iptables accepts for {@code -s}/{@code -d}: an address, {@code addr/len} or
 * (IPv4) {@code addr/dotted.mask}.
 */
public record Cidr(boolean v6, long hi, long lo, int prefix) {

    /** Null when the text is not an address (a host name, say). */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        String len = slash < 0 ? null : text.substring(slash + 1);
        if (addr.indexOf(':') >= 0) {
            long[] bits = parseV6(addr);
            if (bits == null) {
                return null;
            }
            int p = len == null ? 128 : number(len, 128);
            return p < 0 ? null : masked(true, bits[0], bits[1], p);
        }
        long a = parseV4(addr);
        if (a < 0) {
            return null;
        }
        int p;
        if (len == null) {
            p = 32;
        } else if (len.indexOf('.') >= 0) {
            p = maskLength(parseV4(len));
        } else {
            p = number(len, 32);
        }
        return p < 0 ? null : masked(false, 0, a, p);
    }

    /** The form iptables-save prints for an address parameter; text that is no address is kept as it is. */
    public static String canonical(String text) {
        if (text.indexOf(',') >= 0) {
            StringBuilder sb = new StringBuilder();
            for (String part : text.split(",", -1)) {
                sb.append(sb.length() > 0 ? "," : "").append(canonical(part));
            }
            return sb.toString();
        }
        Cidr c = parse(text);
        return c != null ? c.toString() : maskedByAddress(text);
    }

    /**
     * {@code addr/mask} with the mask written as an address: a contiguous IPv6 mask becomes its prefix length,
     * a non-contiguous one (which iptables keeps) masks the address and stays; anything else is kept as it is.
     */
    private static String maskedByAddress(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return text;
        }
        String addr = text.substring(0, slash);
        String mask = text.substring(slash + 1);
        if (addr.indexOf(':') < 0) {
            long a = parseV4(addr);
            long m = mask.indexOf('.') >= 0 ? parseV4(mask) : -1;
            if (a < 0 || m < 0) {
                return text;
            }
            return v4(a & m) + "/" + v4(m);
        }
        long[] a = parseV6(addr);
        long[] m = mask.indexOf(':') >= 0 ? parseV6(mask) : null;
        if (a == null || m == null) {
            return text;
        }
        int len = Long.numberOfLeadingZeros(~m[0]) + (m[0] == -1L ? Long.numberOfLeadingZeros(~m[1]) : 0);
        Cidr contiguous = masked(true, a[0], a[1], len);
        if (contiguous.hi == (a[0] & m[0]) && contiguous.lo == (a[1] & m[1])
                && masked(true, -1L, -1L, len).hi == m[0] && masked(true, -1L, -1L, len).lo == m[1]) {
            return contiguous.toString();
        }
        String masked = new Cidr(true, a[0] & m[0], a[1] & m[1], 128).toString();
        String maskText = new Cidr(true, m[0], m[1], 128).toString();
        return masked.substring(0, masked.length() - 4) + "/" + maskText.substring(0, maskText.length() - 4);
    }

    private static String v4(long a) {
        return (a >>> 24 & 255) + "." + (a >>> 16 & 255) + "." + (a >>> 8 & 255) + "." + (a & 255);
    }

    /** Whether every address of {@code other} is in this network. */
    public boolean contains(Cidr other) {
        if (other.v6 != v6 || other.prefix < prefix) {
            return false;
        }
        Cidr narrowed = masked(v6, other.hi, other.lo, prefix);
        return narrowed.hi == hi && narrowed.lo == lo;
    }

    /** Whether the two networks share an address (then one contains the other). */
    public boolean overlaps(Cidr other) {
        return contains(other) || other.contains(this);
    }

    @Override
    public String toString() {
        if (!v6) {
            return (lo >>> 24 & 255) + "." + (lo >>> 16 & 255) + "." + (lo >>> 8 & 255) + "." + (lo & 255) + "/" + prefix;
        }
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) (hi >>> (48 - 16 * i) & 0xffff);
            groups[i + 4] = (int) (lo >>> (48 - 16 * i) & 0xffff);
        }
        return ipv6(groups) + "/" + prefix;
    }

    /** RFC 5952 text: lower case, the longest run of two or more zero groups (the first one on a tie) as {@code ::}. */
    static String ipv6(int[] groups) {
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    private static Cidr masked(boolean v6, long hi, long lo, int prefix) {
        if (!v6) {
            long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
            return new Cidr(false, 0, lo & mask, prefix);
        }
        long hiMask = prefix >= 64 ? -1L : prefix == 0 ? 0 : -1L << (64 - prefix);
        long loMask = prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
        return new Cidr(true, hi & hiMask, lo & loMask, prefix);
    }

    private static int number(String s, int max) {
        if (s.isEmpty() || s.length() > 3) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n <= max ? n : -1;
    }

    /** A contiguous dotted mask's length, or -1. */
    private static int maskLength(long mask) {
        if (mask < 0) {
            return -1;
        }
        int len = Long.bitCount(mask);
        long expected = len == 0 ? 0 : (0xffffffffL << (32 - len)) & 0xffffffffL;
        return mask == expected ? len : -1;
    }

    /** The address as an unsigned 32-bit value, or -1. */
    private static long parseV4(String s) {
        long a = 0;
        int parts = 0;
        int i = 0;
        int n = s.length();
        while (parts < 4) {
            int start = i;
            int v = 0;
            while (i < n && i - start < 4 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                v = v * 10 + (s.charAt(i) - '0');
                i++;
            }
            if (i == start || i - start > 3 || v > 255) {
                return -1;
            }
            a = a << 8 | v;
            parts++;
            if (parts < 4) {
                if (i >= n || s.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        return i == n ? a : -1;
    }

    private static long[] parseV6(String s) {
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        int[] groups = new int[8];
        String head = dbl < 0 ? s : s.substring(0, dbl);
        String tail = dbl < 0 ? "" : s.substring(dbl + 2);
        int[] h = groups(head);
        int[] t = groups(tail);
        if (h == null || t == null || (dbl < 0 && h.length != 8) || (dbl >= 0 && h.length + t.length > 7)) {
            return null;
        }
        System.arraycopy(h, 0, groups, 0, h.length);
        System.arraycopy(t, 0, groups, 8 - t.length, t.length);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 4; i++) {
            hi = hi << 16 | groups[i];
            lo = lo << 16 | groups[i + 4];
        }
        return new long[] {hi, lo};
    }

    /** Colon-separated hex groups; a trailing dotted IPv4 counts as two groups. */
    private static int[] groups(String s) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int n = parts.length;
        boolean v4Tail = parts[n - 1].indexOf('.') >= 0;
        int[] out = new int[v4Tail ? n + 1 : n];
        for (int i = 0; i < n; i++) {
            String p = parts[i];
            if (i == n - 1 && v4Tail) {
                long v4 = parseV4(p);
                if (v4 < 0) {
                    return null;
                }
                out[i] = (int) (v4 >>> 16);
                out[i + 1] = (int) (v4 & 0xffff);
                break;
            }
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int v = 0;
            for (int k = 0; k < p.length(); k++) {
                int d = Character.digit(p.charAt(k), 16);
                if (d < 0) {
                    return null;
                }
                v = v << 4 | d;
            }
            out[i] = v;
        }
        return out;
    }
}
