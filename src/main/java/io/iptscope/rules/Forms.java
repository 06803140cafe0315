package io.iptscope.rules;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The value forms of {@link Extensions}: each turns one spelling of a value into the one iptables saves. Every
 * form is total: text it cannot read comes back unchanged.
 */
final class Forms {

    /** What a range covering every value saves as. */
    enum Full {
        /** Omitted, even when negated (iptables 1.8.9): tcp, udp, sctp ports, SPIs, header fields. */
        DROP,
        /** Printed as {@code 0:max}. */
        KEEP
    }

    private Forms() {
    }

    /** {@code a:b}, {@code a:}, {@code :b}, {@code :} and {@code a:a} as saved: {@code a}, {@code a:b}. */
    static Extensions.ValueForm range(long max, Full full, char sep) {
        return (v, negated) -> {
            int i = v.indexOf(sep);
            Long lo = i < 0 ? number(v) : i == 0 ? Long.valueOf(0) : number(v.substring(0, i));
            Long hi = i < 0 ? lo : i == v.length() - 1 ? Long.valueOf(max) : number(v.substring(i + 1));
            if (lo == null || hi == null) {
                return service(v, sep);
            }
            if (lo == 0 && hi == max && full == Full.DROP) {
                return null;
            }
            return lo.equals(hi) ? Long.toString(lo) : lo + String.valueOf(sep) + hi;
        };
    }

    /** connbytes: an open upper end prints as the lower bound alone. */
    static final Extensions.ValueForm OPEN_RANGE = (v, negated) -> {
        int i = v.indexOf(':');
        if (i < 0) {
            return number(v) == null ? v : Long.toString(number(v));
        }
        Long lo = i == 0 ? Long.valueOf(0) : number(v.substring(0, i));
        if (lo == null) {
            return v;
        }
        if (i == v.length() - 1) {
            return Long.toString(lo);
        }
        Long hi = number(v.substring(i + 1));
        return hi == null ? v : lo + ":" + hi;
    };

    /** Keeps the first {@code n} characters: the kernel's buffer for a prefix. */
    static Extensions.ValueForm truncate(int n) {
        return (v, negated) -> v.length() > n ? v.substring(0, n) : v;
    }

    /** Values compare as numbers: {@code 46} is {@code 0x2e}. */
    static final Extensions.ValueForm NUMBER = (v, negated) -> {
        Long n = number(v);
        return n == null ? v : Long.toString(n);
    };

    private static final Map<String, Integer> DSCP_CLASSES = Map.ofEntries(Map.entry("CS0", 0), Map.entry("CS1", 8),
            Map.entry("CS2", 16), Map.entry("CS3", 24), Map.entry("CS4", 32), Map.entry("CS5", 40),
            Map.entry("CS6", 48), Map.entry("CS7", 56), Map.entry("BE", 0), Map.entry("AF11", 10),
            Map.entry("AF12", 12), Map.entry("AF13", 14), Map.entry("AF21", 18), Map.entry("AF22", 20),
            Map.entry("AF23", 22), Map.entry("AF31", 26), Map.entry("AF32", 28), Map.entry("AF33", 30),
            Map.entry("AF41", 34), Map.entry("AF42", 36), Map.entry("AF43", 38), Map.entry("EF", 46));

    /** A DSCP value or class name, as the number it sets. */
    static final Extensions.ValueForm DSCP = (v, negated) -> {
        Integer c = DSCP_CLASSES.get(v.toUpperCase(Locale.ROOT));
        return c != null ? Integer.toString(c) : NUMBER.apply(v, negated);
    };

    private static final Map<String, String> LOG_LEVELS = Map.ofEntries(Map.entry("emerg", "0"),
            Map.entry("panic", "0"), Map.entry("alert", "1"), Map.entry("crit", "2"), Map.entry("err", "3"),
            Map.entry("error", "3"), Map.entry("warning", "4"), Map.entry("warn", "4"), Map.entry("notice", "5"),
            Map.entry("info", "6"), Map.entry("debug", "7"));

    static final Extensions.ValueForm LOG_LEVEL = (v, negated) -> LOG_LEVELS.getOrDefault(
            v.toLowerCase(Locale.ROOT), v);

    /** Protocol numbers of the names iptables accepts; {@code -p} prints names, {@code --ctproto} numbers. */
    static final Map<String, String> PROTOCOLS = Map.ofEntries(Map.entry("tcp", "6"), Map.entry("udp", "17"),
            Map.entry("icmp", "1"), Map.entry("ipv6-icmp", "58"), Map.entry("icmpv6", "58"), Map.entry("sctp", "132"),
            Map.entry("udplite", "136"), Map.entry("dccp", "33"), Map.entry("gre", "47"), Map.entry("esp", "50"),
            Map.entry("ah", "51"), Map.entry("igmp", "2"), Map.entry("ipcomp", "108"),
            Map.entry("mobility-header", "135"), Map.entry("ipv6-mh", "135"), Map.entry("all", "0"));

    static final Extensions.ValueForm PROTOCOL_NUMBER = (v, negated) -> PROTOCOLS.getOrDefault(
            v.toLowerCase(Locale.ROOT), v);

    /** Comma lists whose order and case do not matter ({@code --ctstate}). */
    static final Extensions.ValueForm SORTED_UPPER_LIST = (v, negated) -> {
        String[] parts = v.toUpperCase(Locale.ROOT).split(",");
        Arrays.sort(parts);
        return String.join(",", parts);
    };

    /** {@code value[/mask]} marks: numbers in hex, a full mask omitted. */
    static final Extensions.ValueForm MARK_MATCH = (v, negated) -> {
        String[] parts = v.split("/", -1);
        Long value = number(parts[0]);
        Long mask = parts.length == 2 ? number(parts[1]) : Long.valueOf(0xffffffffL);
        if (value == null || mask == null || parts.length > 2) {
            return v;
        }
        return mask == 0xffffffffL ? hex(value) : hex(value) + "/" + hex(mask);
    };

    /** libxt_statistic keeps a 31-bit fraction and prints it with 11 decimals. */
    static final Extensions.ValueForm PROBABILITY = (v, negated) -> {
        try {
            return probability(Double.parseDouble(v));
        } catch (NumberFormatException e) {
            return v;
        }
    };

    static String probability(double p) {
        long stored = Math.round(p * 0x80000000L);
        return String.format(Locale.ROOT, "%.11f", stored / (double) 0x80000000L);
    }

    /** An address or network as iptables prints it ({@code /32} added, host bits masked). */
    static final Extensions.ValueForm ADDRESS = (v, negated) -> Cidr.canonical(v);

    private static final Extensions.ValueForm RANGE_DASH = range(65535, Full.KEEP, '-');

    /**
     * DNAT/SNAT {@code addr[-addr][:port[-port][/base]]}: service names become port numbers, {@code p-p} is
     * {@code p}.
     */
    static final Extensions.ValueForm NAT_RANGE = (v, negated) -> {
        int colon = v.startsWith("[") ? v.indexOf("]:") + 1 : v.indexOf(':') == v.lastIndexOf(':') ? v.indexOf(':') : -1;
        if (colon <= 0) {
            return v;
        }
        String ports = v.substring(colon + 1);
        int slash = ports.indexOf('/');
        String range = slash < 0 ? ports : ports.substring(0, slash);
        String out = RANGE_DASH.apply(range, false);
        if (slash >= 0) {
            out += "/" + service(ports.substring(slash + 1), '-');
        }
        return v.substring(0, colon + 1) + out;
    };

    /** Service names iptables resolves with getservbyname; the well-known ones of /etc/services. */
    private static final Map<String, String> SERVICES = Map.ofEntries(Map.entry("ftp-data", "20"),
            Map.entry("ftp", "21"), Map.entry("ssh", "22"), Map.entry("telnet", "23"), Map.entry("smtp", "25"),
            Map.entry("domain", "53"), Map.entry("http", "80"), Map.entry("www", "80"), Map.entry("pop3", "110"),
            Map.entry("ntp", "123"), Map.entry("imap", "143"), Map.entry("imap2", "143"), Map.entry("snmp", "161"),
            Map.entry("ldap", "389"), Map.entry("https", "443"), Map.entry("submission", "587"),
            Map.entry("imaps", "993"), Map.entry("pop3s", "995"), Map.entry("tftp", "69"),
            Map.entry("bootps", "67"), Map.entry("bootpc", "68"), Map.entry("syslog", "514"));

    /** A range of service names or numbers: each end as a number. */
    private static String service(String v, char sep) {
        int i = SERVICES.containsKey(v) ? -1 : v.indexOf(sep);
        if (i < 0) {
            return SERVICES.getOrDefault(v, v);
        }
        String lo = SERVICES.getOrDefault(v.substring(0, i), v.substring(0, i));
        String hi = SERVICES.getOrDefault(v.substring(i + 1), v.substring(i + 1));
        return lo.equals(hi) ? lo : lo + sep + hi;
    }

    private record Icmp(int type, int min, int max) {
    }

    private static final Map<String, Icmp> ICMP_NAMES = Map.ofEntries(Map.entry("any", new Icmp(255, 0, 255)),
            Map.entry("echo-reply", new Icmp(0, 0, 255)), Map.entry("pong", new Icmp(0, 0, 255)),
            Map.entry("destination-unreachable", new Icmp(3, 0, 255)),
            Map.entry("network-unreachable", new Icmp(3, 0, 0)), Map.entry("host-unreachable", new Icmp(3, 1, 1)),
            Map.entry("protocol-unreachable", new Icmp(3, 2, 2)), Map.entry("port-unreachable", new Icmp(3, 3, 3)),
            Map.entry("fragmentation-needed", new Icmp(3, 4, 4)), Map.entry("source-route-failed", new Icmp(3, 5, 5)),
            Map.entry("network-unknown", new Icmp(3, 6, 6)), Map.entry("host-unknown", new Icmp(3, 7, 7)),
            Map.entry("network-prohibited", new Icmp(3, 9, 9)), Map.entry("host-prohibited", new Icmp(3, 10, 10)),
            Map.entry("tos-network-unreachable", new Icmp(3, 11, 11)),
            Map.entry("tos-host-unreachable", new Icmp(3, 12, 12)),
            Map.entry("communication-prohibited", new Icmp(3, 13, 13)),
            Map.entry("host-precedence-violation", new Icmp(3, 14, 14)),
            Map.entry("precedence-cutoff", new Icmp(3, 15, 15)), Map.entry("source-quench", new Icmp(4, 0, 255)),
            Map.entry("redirect", new Icmp(5, 0, 255)), Map.entry("network-redirect", new Icmp(5, 0, 0)),
            Map.entry("host-redirect", new Icmp(5, 1, 1)), Map.entry("tos-network-redirect", new Icmp(5, 2, 2)),
            Map.entry("tos-host-redirect", new Icmp(5, 3, 3)), Map.entry("echo-request", new Icmp(8, 0, 255)),
            Map.entry("ping", new Icmp(8, 0, 255)), Map.entry("router-advertisement", new Icmp(9, 0, 255)),
            Map.entry("router-solicitation", new Icmp(10, 0, 255)), Map.entry("time-exceeded", new Icmp(11, 0, 255)),
            Map.entry("ttl-exceeded", new Icmp(11, 0, 255)), Map.entry("ttl-zero-during-transit", new Icmp(11, 0, 0)),
            Map.entry("ttl-zero-during-reassembly", new Icmp(11, 1, 1)),
            Map.entry("parameter-problem", new Icmp(12, 0, 255)), Map.entry("ip-header-bad", new Icmp(12, 0, 0)),
            Map.entry("required-option-missing", new Icmp(12, 1, 1)),
            Map.entry("timestamp-request", new Icmp(13, 0, 255)), Map.entry("timestamp-reply", new Icmp(14, 0, 255)),
            Map.entry("address-mask-request", new Icmp(17, 0, 255)),
            Map.entry("address-mask-reply", new Icmp(18, 0, 255)));

    private static final Map<String, Icmp> ICMP6_NAMES = Map.ofEntries(
            Map.entry("destination-unreachable", new Icmp(1, 0, 255)), Map.entry("no-route", new Icmp(1, 0, 0)),
            Map.entry("communication-prohibited", new Icmp(1, 1, 1)), Map.entry("beyond-scope", new Icmp(1, 2, 2)),
            Map.entry("address-unreachable", new Icmp(1, 3, 3)), Map.entry("port-unreachable", new Icmp(1, 4, 4)),
            Map.entry("failed-policy", new Icmp(1, 5, 5)), Map.entry("reject-route", new Icmp(1, 6, 6)),
            Map.entry("packet-too-big", new Icmp(2, 0, 255)), Map.entry("time-exceeded", new Icmp(3, 0, 255)),
            Map.entry("ttl-exceeded", new Icmp(3, 0, 255)), Map.entry("ttl-zero-during-transit", new Icmp(3, 0, 0)),
            Map.entry("ttl-zero-during-reassembly", new Icmp(3, 1, 1)),
            Map.entry("parameter-problem", new Icmp(4, 0, 255)), Map.entry("bad-header", new Icmp(4, 0, 0)),
            Map.entry("unknown-header-type", new Icmp(4, 1, 1)), Map.entry("unknown-option", new Icmp(4, 2, 2)),
            Map.entry("echo-request", new Icmp(128, 0, 255)), Map.entry("ping", new Icmp(128, 0, 255)),
            Map.entry("echo-reply", new Icmp(129, 0, 255)), Map.entry("pong", new Icmp(129, 0, 255)),
            Map.entry("mld-listener-query", new Icmp(130, 0, 255)),
            Map.entry("mld-listener-report", new Icmp(131, 0, 255)),
            Map.entry("mld-listener-done", new Icmp(132, 0, 255)),
            Map.entry("mld-listener-reduction", new Icmp(132, 0, 255)),
            Map.entry("router-solicitation", new Icmp(133, 0, 255)),
            Map.entry("router-advertisement", new Icmp(134, 0, 255)),
            Map.entry("neighbour-solicitation", new Icmp(135, 0, 255)),
            Map.entry("neighbor-solicitation", new Icmp(135, 0, 255)),
            Map.entry("neighbour-advertisement", new Icmp(136, 0, 255)),
            Map.entry("neighbor-advertisement", new Icmp(136, 0, 255)), Map.entry("redirect", new Icmp(137, 0, 255)));

    static final Extensions.ValueForm ICMP = (v, negated) -> icmp(v, ICMP_NAMES, true);
    static final Extensions.ValueForm ICMP6 = (v, negated) -> icmp(v, ICMP6_NAMES, false);

    /** {@code name}, {@code type}, {@code type/code} or {@code type/min:max} as type, code range. */
    private static String icmp(String v, Map<String, Icmp> names, boolean anyIsType255) {
        Icmp t = names.get(v.toLowerCase(Locale.ROOT));
        if (t == null) {
            String[] parts = v.split("/", 2);
            Long type = number(parts[0]);
            if (type == null) {
                return v;
            }
            if (parts.length == 1) {
                t = new Icmp(type.intValue(), 0, 255);
            } else {
                String[] codes = parts[1].split(":", 2);
                Long min = number(codes[0]);
                Long max = codes.length == 2 ? number(codes[1]) : min;
                if (min == null || max == null) {
                    return v;
                }
                t = new Icmp(type.intValue(), min.intValue(), max.intValue());
            }
        }
        if (anyIsType255 && t.type() == 255) {
            return "any";
        }
        if (t.min() == 0 && t.max() == 255) {
            return Integer.toString(t.type());
        }
        return t.type() + "/" + (t.min() == t.max() ? Integer.toString(t.min()) : t.min() + ":" + t.max());
    }

    /** How a {@code value[/mask]} option of a mark-like target combines with the packet's field. */
    enum XsetOp {
        /** Zero the mask bits, then XOR the value: the saved form itself ({@code --set-xmark}). */
        XSET,
        /** Zero the mask bits, then OR the value: {@code --set-mark v/m} is {@code --set-xmark v/(v|m)}. */
        SET,
        OR,
        AND,
        XOR
    }

    private static final Map<String, Long> TOS_NAMES = Map.of("minimize-delay", 0x10L, "maximize-throughput", 0x08L,
            "maximize-reliability", 0x04L, "minimize-cost", 0x02L, "normal-service", 0x00L);

    /** TOS symbolic names only set the four TOS bits and the lowest one: mask {@code 0x3f}. */
    private static final long TOS_NAME_MASK = 0x3f;

    /** MARK, TOS, tos, ...: every form as the {@code value/mask} pair the kernel keeps, in hex. */
    static Extensions.ValueForm xset(XsetOp op, long ones, boolean tosNames) {
        return (v, negated) -> {
            Long named = tosNames ? TOS_NAMES.get(v.toLowerCase(Locale.ROOT)) : null;
            if (named != null) {
                return hex(named) + "/" + hex(TOS_NAME_MASK);
            }
            String[] parts = v.split("/", -1);
            Long value = number(parts[0]);
            Long mask = parts.length == 2 ? number(parts[1]) : Long.valueOf(ones);
            if (value == null || mask == null || parts.length > 2) {
                return v;
            }
            long x = value & ones;
            long m = mask & ones;
            return switch (op) {
                case XSET -> hex(x) + "/" + hex(m);
                case SET -> hex(x) + "/" + hex((x | m) & ones);
                case OR -> hex(x) + "/" + hex(x);
                case AND -> "0x0/" + hex(~x & ones);
                case XOR -> hex(x) + "/0x0";
            };
        };
    }

    /** cluster: {@code --cluster-local-node n} is the node mask with bit n-1 set. */
    static final Extensions.ValueForm NODE_MASK = (v, negated) -> {
        Long n = number(v);
        return n == null || n < 1 || n > 32 ? v : hex(1L << (n - 1));
    };

    /** Hex numbers compare as numbers ({@code 0x00000002} is {@code 0x2}). */
    static final Extensions.ValueForm HEX = (v, negated) -> {
        Long n = number(v);
        return n == null ? v : hex(n);
    };

    /** owner: the one user and group name every system resolves the same way. */
    static final Extensions.ValueForm OWNER_ID = (v, negated) -> v.equals("root") ? "0" : v;

    private static final Map<String, Long> RATE_UNITS = Map.ofEntries(Map.entry("bit", 1L),
            Map.entry("kbit", 1_000L), Map.entry("mbit", 1_000_000L), Map.entry("gbit", 1_000_000_000L),
            Map.entry("tbit", 1_000_000_000_000L), Map.entry("bps", 8L), Map.entry("kbps", 8_000L),
            Map.entry("mbps", 8_000_000L), Map.entry("gbps", 8_000_000_000L), Map.entry("tbps", 8_000_000_000_000L),
            Map.entry("kibit", 1024L), Map.entry("mibit", 1L << 20), Map.entry("gibit", 1L << 30),
            Map.entry("kibps", 8L * 1024), Map.entry("mibps", 8L << 20), Map.entry("gibps", 8L << 30));

    /** rateest rates in bits per second ({@code 5kbit} saves as {@code 5000bit}). */
    static final Extensions.ValueForm RATE = (v, negated) -> {
        int i = 0;
        while (i < v.length() && (Character.isDigit(v.charAt(i)) || v.charAt(i) == '.')) {
            i++;
        }
        Long unit = RATE_UNITS.get(v.substring(i).toLowerCase(Locale.ROOT));
        if (i == 0 || unit == null) {
            return v;
        }
        try {
            return Math.round(Double.parseDouble(v.substring(0, i)) * unit) + "bit";
        } catch (NumberFormatException e) {
            return v;
        }
    };

    static String hex(long n) {
        return "0x" + Long.toHexString(n);
    }

    /** A decimal or {@code 0x} hex number, or null. */
    static Long number(String s) {
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return s.length() > 2 && s.length() <= 18 ? Long.parseUnsignedLong(s.substring(2), 16) : null;
            }
            return s.isEmpty() || s.length() > 19 || s.charAt(0) == '-' || s.charAt(0) == '+' ? null : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
