package io.iptscope.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a rule into the form iptables itself would save, so that rules meaning the same compare equal
 * (peers.md §6.4): {@code -p tcp --dport 80} gets its implicit {@code -m tcp}, addresses get their prefix
 * ({@code /32}, {@code /128}) and are masked, hex values lose zero-padding, MARK's {@code --or-mark},
 * {@code --and-mark}, {@code --xor-mark}, {@code --set-mark} become {@code --set-xmark}, options inside a module
 * are ordered by name, comma lists of conntrack states are sorted, the default {@code --reject-with} and the
 * quoting of comments do not matter, statistic probabilities are compared as the kernel stores them.
 */
public final class RuleNormalizer {

    private static final Set<String> PROTOCOL_MODULES = Set.of("tcp", "udp", "udplite", "sctp", "dccp", "icmp",
            "icmp6");
    private static final Map<String, String> PROTOCOL_NUMBERS = Map.ofEntries(Map.entry("6", "tcp"),
            Map.entry("17", "udp"), Map.entry("1", "icmp"), Map.entry("58", "ipv6-icmp"), Map.entry("icmpv6", "ipv6-icmp"),
            Map.entry("132", "sctp"), Map.entry("136", "udplite"), Map.entry("33", "dccp"), Map.entry("47", "gre"),
            Map.entry("50", "esp"), Map.entry("51", "ah"));
    private static final Map<String, String> OPTION_ALIASES = Map.of("--destination-port", "--dport",
            "--source-port", "--sport", "--destination-ports", "--dports", "--source-ports", "--sports");
    private static final Set<String> MARK_OPTIONS = Set.of("--mark", "--set-xmark", "--ctmark", "--set-mark");
    private static final Set<String> STATE_LISTS = Set.of("--ctstate", "--state", "--ctstatus");
    private static final Set<String> DEFAULT_REJECTS = Set.of("icmp-port-unreachable", "icmp6-port-unreachable");
    private static final Comparator<Option> BY_NAME = Comparator.comparing(Option::name);

    private RuleNormalizer() {
    }

    /** The rule as iptables would save it; command, chain and counters are kept as they are. */
    public static RuleSpec normalize(RuleSpec s) {
        String proto = protocol(s.protocol());
        List<Match> matches = new ArrayList<>(s.matches().size() + 1);
        List<Option> implicit = new ArrayList<>();
        List<Option> other = new ArrayList<>();
        for (Option o : s.otherOptions()) {
            // Options outside a module with -p P given belong to the implicit P match.
            if (proto != null && PROTOCOL_MODULES.contains(moduleOf(proto)) && o.name().startsWith("--")) {
                implicit.add(option(o));
            } else {
                other.add(o);
            }
        }
        for (Match m : s.matches()) {
            List<Option> opts = new ArrayList<>(m.options().size());
            for (Option o : m.options()) {
                opts.add(option(o));
            }
            if (proto != null && m.module().equals(moduleOf(proto))) {
                implicit.addAll(opts);
                continue;
            }
            opts.sort(BY_NAME);
            matches.add(new Match(m.module(), opts));
        }
        if (!implicit.isEmpty()) {
            implicit.sort(BY_NAME);
            matches.add(new Match(moduleOf(proto), implicit));
        }
        matches.sort(Comparator.comparing(Match::module));
        Target target = s.target() == null ? null : target(s.target());
        return new RuleSpec(s.command(), s.chain(), s.commandArgs(), proto == null ? null : new Param(proto,
                s.protocol().negated()), address(s.source()), address(s.destination()), iface(s.inInterface()),
                iface(s.outInterface()), s.fragment(), matches, target, other);
    }

    /**
     * A string equal for two rules exactly when their normalized forms are equal (ignoring command, chain and
     * counters): what the diff compares.
     */
    public static String key(RuleSpec s) {
        RuleSpec n = normalize(s);
        StringBuilder sb = new StringBuilder(96);
        param(sb, "-p", n.protocol());
        param(sb, "-s", n.source());
        param(sb, "-d", n.destination());
        param(sb, "-i", n.inInterface());
        param(sb, "-o", n.outInterface());
        param(sb, "-f", n.fragment());
        for (Match m : n.matches()) {
            sb.append(" -m ").append(Tokenizer.quoteIfNeeded(m.module()));
            options(sb, m.options());
        }
        options(sb, n.otherOptions());
        if (n.target() != null) {
            sb.append(n.target().kind() == Target.Kind.GOTO ? " -g " : " -j ")
                    .append(Tokenizer.quoteIfNeeded(n.target().name()));
            options(sb, n.target().options());
        }
        return sb.toString();
    }

    private static void param(StringBuilder sb, String flag, Param p) {
        if (p != null) {
            sb.append(p.negated() ? " ! " : " ").append(flag);
            if (!p.value().isEmpty() || !flag.equals("-f")) {
                sb.append(' ').append(Tokenizer.quoteIfNeeded(p.value()));
            }
        }
    }

    private static void options(StringBuilder sb, List<Option> options) {
        for (Option o : options) {
            sb.append(o.negated() ? " ! " : " ").append(Tokenizer.quoteIfNeeded(o.name()));
            for (String v : o.values()) {
                sb.append(' ').append(Tokenizer.quoteIfNeeded(v));
            }
        }
    }

    private static String protocol(Param p) {
        if (p == null) {
            return null;
        }
        String v = p.value().toLowerCase(Locale.ROOT);
        v = PROTOCOL_NUMBERS.getOrDefault(v, v);
        return (v.equals("all") || v.equals("0")) && !p.negated() ? null : v;
    }

    private static String moduleOf(String proto) {
        return proto.equals("ipv6-icmp") ? "icmp6" : proto;
    }

    private static Option option(Option o) {
        String name = OPTION_ALIASES.getOrDefault(o.name(), o.name());
        List<String> values = o.values();
        if (MARK_OPTIONS.contains(name)) {
            values = values.stream().map(RuleNormalizer::markValue).toList();
        } else if (STATE_LISTS.contains(name) && values.size() == 1) {
            String[] states = values.get(0).toUpperCase(Locale.ROOT).split(",");
            Arrays.sort(states);
            values = List.of(String.join(",", states));
        } else if (name.equals("--probability") && values.size() == 1) {
            values = List.of(probability(values.get(0)));
        } else {
            values = values.stream().map(RuleNormalizer::hex).toList();
        }
        Option.Negation neg = o.negated() ? Option.Negation.BEFORE_OPTION : Option.Negation.NONE;
        return new Option(name, values, neg);
    }

    private static Target target(Target t) {
        List<Option> opts = new ArrayList<>(t.options().size());
        for (Option o : t.options()) {
            opts.add(option(o));
        }
        if (t.name().equals("MARK")) {
            opts = markTarget(opts);
        } else if (t.name().equals("REJECT")) {
            opts.removeIf(o -> o.name().equals("--reject-with") && DEFAULT_REJECTS.contains(o.value()));
        }
        opts.sort(BY_NAME);
        return new Target(t.kind(), t.name(), opts);
    }

    /** libxt_MARK saves every form as {@code --set-xmark value/mask}. */
    private static List<Option> markTarget(List<Option> opts) {
        List<Option> out = new ArrayList<>(opts.size());
        for (Option o : opts) {
            // limit -1 keeps empty halves: "/" is two empty parts, not an empty array (a crash found by fuzzing).
            String[] valueMask = o.value().split("/", -1);
            Long v = number(valueMask[0]);
            Long mask = valueMask.length == 1 ? Long.valueOf(0xffffffffL)
                    : valueMask.length == 2 ? number(valueMask[1]) : null;
            String xmark = null;
            if (v != null) {
                switch (o.name()) {
                    case "--or-mark" -> xmark = hex(v) + "/" + hex(v);
                    case "--xor-mark" -> xmark = hex(v) + "/0x0";
                    case "--and-mark" -> xmark = "0x0/" + hex(~v & 0xffffffffL);
                    case "--set-mark" -> xmark = mask == null ? null : hex(v) + "/" + hex((v | mask) & 0xffffffffL);
                    case "--set-xmark" -> xmark = mask == null ? null : hex(v) + "/" + hex(mask);
                    default -> xmark = null;
                }
            }
            out.add(xmark == null ? o : new Option("--set-xmark", List.of(xmark), Option.Negation.NONE));
        }
        return out;
    }

    /** Marks are saved in hex: {@code 16384} and {@code 0x00004000} both become {@code 0x4000}; masks too. */
    private static String markValue(String value) {
        String[] parts = value.split("/", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            Long n = number(parts[i]);
            sb.append(i > 0 ? "/" : "").append(n == null ? parts[i] : hex(n));
        }
        return sb.toString();
    }

    /** Drops zero-padding from hex numbers ({@code 0x00ff/0x0F} to {@code 0xff/0xf}); other text is kept. */
    private static String hex(String value) {
        if (value.indexOf('x') < 0 && value.indexOf('X') < 0) {
            return value;
        }
        String[] parts = value.split("/", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            Long n = p.length() > 2 && p.charAt(0) == '0' && (p.charAt(1) == 'x' || p.charAt(1) == 'X') ? number(p) : null;
            sb.append(i > 0 ? "/" : "").append(n == null ? p : hex(n));
        }
        return sb.toString();
    }

    private static String hex(long n) {
        return "0x" + Long.toHexString(n);
    }

    private static Long number(String s) {
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return s.length() > 2 && s.length() <= 18 ? Long.parseUnsignedLong(s.substring(2), 16) : null;
            }
            return s.isEmpty() || s.length() > 19 ? null : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** libxt_statistic keeps a 31-bit fraction and prints it with 11 decimals. */
    static String probability(String value) {
        try {
            return probability(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            return value;
        }
    }

    static String probability(double p) {
        long stored = Math.round(p * 0x80000000L);
        return String.format(Locale.ROOT, "%.11f", stored / (double) 0x80000000L);
    }

    private static Param address(Param p) {
        return p == null ? null : new Param(Cidr.canonical(p.value()), p.negated());
    }

    private static Param iface(Param p) {
        return p == null || (p.value().equals("+") && !p.negated()) ? null : p;
    }
}
