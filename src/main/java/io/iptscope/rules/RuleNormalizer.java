package io.iptscope.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a rule into the form iptables itself would save, so that rules meaning the same compare equal
 * (peers.md §6.4): {@code -p tcp --dport 80} gets its implicit {@code -m tcp}, addresses get their prefix
 * ({@code /32}, {@code /128}) and are masked, and each extension's options are rewritten by its entry in
 * {@link Extensions} (aliases, defaults, value forms). The order of matches is kept, since it decides what runs
 * first ({@code -m recent --set} before or after a port test); the order of options within one match or target
 * is free. Total: a value it cannot read is compared verbatim, never an exception.
 */
public final class RuleNormalizer {

    private static final Set<String> PROTOCOL_MODULES = Set.of("tcp", "udp", "udplite", "sctp", "dccp", "icmp",
            "icmp6");
    private static final Map<String, String> PROTOCOL_NAMES = Map.ofEntries(Map.entry("6", "tcp"),
            Map.entry("17", "udp"), Map.entry("1", "icmp"), Map.entry("58", "ipv6-icmp"), Map.entry("icmpv6", "ipv6-icmp"),
            Map.entry("132", "sctp"), Map.entry("136", "udplite"), Map.entry("33", "dccp"), Map.entry("47", "gre"),
            Map.entry("50", "esp"), Map.entry("51", "ah"), Map.entry("108", "ipcomp"), Map.entry("2", "igmp"),
            Map.entry("135", "mobility-header"), Map.entry("ipv6-mh", "mobility-header"));
    /** Rule options that set counters ({@code -c 2,3}): no part of what the rule matches. */
    private static final Set<String> COUNTER_OPTIONS = Set.of("-c", "--set-counters");
    private static final Set<String> MARK_OPTIONS = Set.of("--mark", "--set-xmark", "--ctmark", "--set-mark");
    private static final Comparator<Option> BY_NAME = Comparator.comparing(Option::name)
            .thenComparing(o -> String.join(" ", o.values()));

    private RuleNormalizer() {
    }

    /** The rule as iptables would save it; command, chain and counters are kept as they are. */
    public static RuleSpec normalize(RuleSpec s) {
        String proto = protocol(s.protocol());
        String protoModule = proto == null || !PROTOCOL_MODULES.contains(moduleOf(proto)) ? null : moduleOf(proto);
        List<Match> matches = new ArrayList<>(s.matches().size() + 1);
        List<Option> implicit = new ArrayList<>();
        List<Option> other = new ArrayList<>();
        for (Option o : s.otherOptions()) {
            if (COUNTER_OPTIONS.contains(o.name())) {
                continue;
            }
            // Options before any -m with -p P given belong to the implicit P match, which comes first.
            if (protoModule != null && o.name().startsWith("--")) {
                implicit.add(o);
            } else {
                other.add(o);
            }
        }
        int implicitAt = implicit.isEmpty() ? -1 : 0;
        Extensions.Extension protoExt = protoModule == null ? null : Extensions.match(protoModule);
        for (Match m : s.matches()) {
            if (m.module().equals(protoModule)) {
                implicitAt = implicitAt < 0 ? matches.size() : implicitAt;
                implicit.addAll(m.options());
                continue;
            }
            List<Option> own = new ArrayList<>(m.options().size());
            List<Option> stray = new ArrayList<>(0);
            for (Option o : m.options()) {
                (protoExt != null && protoExt.ownsOption(o.name()) ? stray : own).add(o);
            }
            matches.add(match(m.module(), own));
            if (!stray.isEmpty()) {
                // iptables loads the protocol match where its first option stands: after this match.
                implicitAt = implicitAt < 0 ? matches.size() : implicitAt;
                implicit.addAll(stray);
            }
        }
        if (implicitAt >= 0) {
            Match pm = match(protoModule, implicit);
            // An empty protocol match is what -p alone loads: nft omits it, legacy prints it.
            if (!pm.options().isEmpty()) {
                matches.add(implicitAt, pm);
            }
        }
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
        v = PROTOCOL_NAMES.getOrDefault(v, v);
        return (v.equals("all") || v.equals("0")) && !p.negated() ? null : v;
    }

    private static String moduleOf(String proto) {
        return proto.equals("ipv6-icmp") ? "icmp6" : proto;
    }

    private static Match match(String module, List<Option> options) {
        return new Match(module, options(Extensions.match(module), options));
    }

    private static Target target(Target t) {
        return new Target(t.kind(), t.name(), options(Extensions.target(t.name()), t.options()));
    }

    /** Each option rewritten by the extension's table (or only tidied when there is none), sorted. */
    private static List<Option> options(Extensions.Extension ext, List<Option> options) {
        List<Option> out = new ArrayList<>(options.size());
        for (Option o : options) {
            Option r = ext == null ? o : ext.rewrite(o);
            if (r != null) {
                out.add(tidy(r));
            }
        }
        out.sort(BY_NAME);
        return out;
    }

    /** What holds for every extension: {@code !} placement is free, numbers lose hex zero-padding. */
    private static Option tidy(Option o) {
        List<String> values = MARK_OPTIONS.contains(o.name())
                ? o.values().stream().map(RuleNormalizer::markValue).toList()
                : o.values().stream().map(RuleNormalizer::hex).toList();
        return new Option(o.name(), values, o.negated() ? Option.Negation.BEFORE_OPTION : Option.Negation.NONE);
    }

    /** Marks are saved in hex: {@code 16384} and {@code 0x00004000} both become {@code 0x4000}; masks too. */
    private static String markValue(String value) {
        String[] parts = value.split("/", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            Long n = Forms.number(parts[i]);
            sb.append(i > 0 ? "/" : "").append(n == null ? parts[i] : Forms.hex(n));
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
            Long n = p.length() > 2 && p.charAt(0) == '0' && (p.charAt(1) == 'x' || p.charAt(1) == 'X')
                    ? Forms.number(p) : null;
            sb.append(i > 0 ? "/" : "").append(n == null ? p : Forms.hex(n));
        }
        return sb.toString();
    }

    static String probability(double p) {
        return Forms.probability(p);
    }

    private static Param address(Param p) {
        return p == null ? null : new Param(Cidr.canonical(p.value()), p.negated());
    }

    /** {@code -i +} matches every interface; legacy saves {@code ! -i +} as nothing at all. */
    private static Param iface(Param p) {
        return p == null || p.value().equals("+") ? null : p;
    }
}
