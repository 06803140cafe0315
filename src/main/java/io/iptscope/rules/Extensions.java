package io.iptscope.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What iptables rewrites when it saves a rule, one declarative entry per extension (match or target): option
 * aliases, options that expand into others, defaults it prints or omits, and the form of each value. The facts
 * come from the extensions' own definitions and their test files (iptables {@code extensions/*.t}); the
 * {@code ExtensionFormsTest} proves them against the real legacy and nft binaries.
 *
 * <p>Total: a value a form cannot read is kept verbatim, so it still compares, just without rewriting.
 */
final class Extensions {

    /** The canonical form of one option value; null drops the option (it states the default). */
    @FunctionalInterface
    interface ValueForm {
        String apply(String value, boolean negated);
    }

    /** One extension's table. */
    static final class Extension {
        private final String name;
        private final Map<String, String> aliases = new HashMap<>();
        private final Map<String, List<String>> expansions = new HashMap<>();
        private final Map<String, ValueForm> forms = new HashMap<>();
        private final Map<String, Set<String>> defaults = new HashMap<>();
        private final Set<String> owned = new HashSet<>();

        private Extension(String name) {
            this.name = name;
        }

        /** {@code from} is another spelling of {@code to}. */
        Extension alias(String from, String to) {
            aliases.put(from, to);
            return this;
        }

        /** The flag {@code from} saves as {@code to} with these values ({@code --syn}). */
        Extension expand(String from, String to, String... values) {
            List<String> l = new ArrayList<>(values.length + 1);
            l.add(to);
            l.addAll(List.of(values));
            expansions.put(from, List.copyOf(l));
            return this;
        }

        /** The values of {@code option} (after aliasing) compare in this form. */
        Extension form(ValueForm form, String... options) {
            for (String o : options) {
                forms.put(o, form);
            }
            return this;
        }

        /**
         * {@code option} with one of these canonical values (none for a flag) states the default, which one
         * backend prints and the other omits; it is no difference.
         */
        Extension byDefault(String option, String... values) {
            defaults.put(option, Set.of(values));
            return this;
        }

        /**
         * Options only this extension defines: written after another {@code -m}, iptables still hands them to
         * this (protocol) match, loading it implicitly there.
         */
        Extension owns(String... options) {
            owned.addAll(List.of(options));
            return this;
        }

        boolean ownsOption(String option) {
            return owned.contains(option);
        }

        String name() {
            return name;
        }

        /** The option as it compares, or null when it only states the default. */
        Option rewrite(Option o) {
            String optName = aliases.getOrDefault(o.name(), o.name());
            // A form under the spelling given (--and-tos) rewrites before the alias (--set-tos) takes over.
            ValueForm form = forms.containsKey(o.name()) ? forms.get(o.name()) : forms.get(optName);
            List<String> values = o.values();
            List<String> expansion = expansions.get(optName);
            if (expansion != null && values.isEmpty()) {
                optName = expansion.get(0);
                values = expansion.subList(1, expansion.size());
            }
            if (form != null && values.size() == 1) {
                String v = form.apply(values.get(0), o.negated());
                if (v == null) {
                    return null;
                }
                values = List.of(v);
            }
            Set<String> dflt = defaults.get(optName);
            if (dflt != null && !o.negated() && (values.isEmpty() ? dflt.isEmpty() : values.size() == 1
                    && dflt.contains(values.get(0)))) {
                return null;
            }
            return new Option(optName, values, o.negated() ? Option.Negation.BEFORE_OPTION : Option.Negation.NONE);
        }
    }

    private static Extension ext(String name) {
        return new Extension(name);
    }

    private static final String V4_ONES = "255.255.255.255";
    private static final String V6_ONES = "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";

    /** Matches by module name. */
    private static final Map<String, Extension> MATCHES = table(
            ext("tcp").alias("--source-port", "--sport").alias("--destination-port", "--dport")
                    .expand("--syn", "--tcp-flags", "FIN,SYN,RST,ACK", "SYN")
                    .owns("--sport", "--dport", "--source-port", "--destination-port", "--syn", "--tcp-flags", "--tcp-option")
                    .form(Forms.range(65535, Forms.Full.DROP, ':'), "--sport", "--dport"),
            ext("udp").alias("--source-port", "--sport").alias("--destination-port", "--dport")
                    .owns("--sport", "--dport", "--source-port", "--destination-port")
                    .form(Forms.range(65535, Forms.Full.DROP, ':'), "--sport", "--dport"),
            ext("udplite").alias("--source-port", "--sport").alias("--destination-port", "--dport")
                    .owns("--sport", "--dport", "--source-port", "--destination-port")
                    .form(Forms.range(65535, Forms.Full.DROP, ':'), "--sport", "--dport"),
            ext("sctp").alias("--source-port", "--sport").alias("--destination-port", "--dport")
                    .owns("--sport", "--dport", "--source-port", "--destination-port", "--chunk-types")
                    .form(Forms.range(65535, Forms.Full.DROP, ':'), "--sport", "--dport"),
            ext("dccp").alias("--source-port", "--sport").alias("--destination-port", "--dport")
                    .owns("--sport", "--dport", "--source-port", "--destination-port", "--dccp-types", "--dccp-option")
                    .form(Forms.range(65535, Forms.Full.KEEP, ':'), "--sport", "--dport"),
            ext("multiport").alias("--source-ports", "--sports").alias("--destination-ports", "--dports"),
            ext("icmp").form(Forms.ICMP, "--icmp-type").owns("--icmp-type"),
            ext("icmp6").form(Forms.ICMP6, "--icmpv6-type").owns("--icmpv6-type"),
            ext("ah").form(Forms.range(0xffffffffL, Forms.Full.DROP, ':'), "--ahspi"),
            ext("esp").form(Forms.range(0xffffffffL, Forms.Full.DROP, ':'), "--espspi"),
            ext("ipcomp").form(Forms.range(0xffffffffL, Forms.Full.DROP, ':'), "--ipcompspi"),
            ext("frag").form(Forms.range(0xffffffffL, Forms.Full.DROP, ':'), "--fragid"),
            ext("rt").form(Forms.range(0xffffffffL, Forms.Full.DROP, ':'), "--rt-segsleft"),
            ext("mh").form(Forms.range(255, Forms.Full.DROP, ':'), "--mh-type"),
            ext("conntrack")
                    .form(Forms.range(65535, Forms.Full.KEEP, ':'), "--ctorigsrcport", "--ctorigdstport",
                            "--ctreplsrcport", "--ctrepldstport")
                    .form(Forms.range(0xffffffffL, Forms.Full.KEEP, ':'), "--ctexpire")
                    .form(Forms.PROTOCOL_NUMBER, "--ctproto")
                    .form(Forms.SORTED_UPPER_LIST, "--ctstate", "--ctstatus"),
            ext("state").form(Forms.SORTED_UPPER_LIST, "--state"),
            ext("connbytes").form(Forms.OPEN_RANGE, "--connbytes"),
            ext("connmark").form(Forms.MARK_MATCH, "--mark"),
            ext("mark").form(Forms.MARK_MATCH, "--mark"),
            ext("recent").byDefault("--name", "DEFAULT").byDefault("--mask", V4_ONES, V6_ONES)
                    .byDefault("--rsource"),
            ext("connlimit").byDefault("--connlimit-mask", "32", "128").byDefault("--connlimit-saddr"),
            ext("hashlimit").byDefault("--hashlimit-burst", "5"),
            ext("dscp").alias("--dscp-class", "--dscp").form(Forms.DSCP, "--dscp", "--dscp-class"),
            ext("statistic").form(Forms.PROBABILITY, "--probability"),
            ext("comment"),
            ext("tos").form(Forms.xset(Forms.XsetOp.XSET, 0xff, true), "--tos"),
            ext("length").form(Forms.range(65535, Forms.Full.KEEP, ':'), "--length"),
            ext("tcpmss").form(Forms.range(65535, Forms.Full.KEEP, ':'), "--mss"),
            ext("owner").form(Forms.OWNER_ID, "--uid-owner", "--gid-owner"),
            ext("string").byDefault("--from", "0").byDefault("--to", "65535"),
            ext("cluster").alias("--cluster-local-node", "--cluster-local-nodemask")
                    .form(Forms.NODE_MASK, "--cluster-local-node").form(Forms.HEX, "--cluster-local-nodemask"),
            ext("rateest").form(Forms.RATE, "--rateest-bps", "--rateest-bps1", "--rateest-bps2"));

    /** Targets by name. */
    private static final Map<String, Extension> TARGETS = table(
            ext("LOG").form(Forms.LOG_LEVEL, "--log-level").byDefault("--log-level", "4"),
            ext("NFLOG").byDefault("--nflog-group", "0").form(Forms.truncate(63), "--nflog-prefix"),
            ext("NFQUEUE").byDefault("--queue-num", "0")
                    .form(Forms.range(65535, Forms.Full.KEEP, ':'), "--queue-balance"),
            ext("CONNMARK").byDefault("--nfmask", "0xffffffff").byDefault("--ctmask", "0xffffffff")
                    .byDefault("--mask", "0xffffffff"),
            ext("DNAT").form(Forms.NAT_RANGE, "--to-destination"),
            ext("SNAT").form(Forms.NAT_RANGE, "--to-source"),
            ext("REDIRECT").form(Forms.range(65535, Forms.Full.KEEP, '-'), "--to-ports"),
            ext("MASQUERADE").form(Forms.range(65535, Forms.Full.KEEP, '-'), "--to-ports"),
            ext("NETMAP").form(Forms.ADDRESS, "--to"),
            ext("DSCP").alias("--set-dscp-class", "--set-dscp").form(Forms.DSCP, "--set-dscp", "--set-dscp-class"),
            ext("MARK").alias("--set-mark", "--set-xmark").alias("--or-mark", "--set-xmark")
                    .alias("--and-mark", "--set-xmark").alias("--xor-mark", "--set-xmark")
                    .form(Forms.xset(Forms.XsetOp.XSET, 0xffffffffL, false), "--set-xmark")
                    .form(Forms.xset(Forms.XsetOp.SET, 0xffffffffL, false), "--set-mark")
                    .form(Forms.xset(Forms.XsetOp.OR, 0xffffffffL, false), "--or-mark")
                    .form(Forms.xset(Forms.XsetOp.AND, 0xffffffffL, false), "--and-mark")
                    .form(Forms.xset(Forms.XsetOp.XOR, 0xffffffffL, false), "--xor-mark"),
            ext("TOS").alias("--or-tos", "--set-tos").alias("--and-tos", "--set-tos").alias("--xor-tos", "--set-tos")
                    .form(Forms.xset(Forms.XsetOp.XSET, 0xff, true), "--set-tos")
                    .form(Forms.xset(Forms.XsetOp.OR, 0xff, false), "--or-tos")
                    .form(Forms.xset(Forms.XsetOp.AND, 0xff, false), "--and-tos")
                    .form(Forms.xset(Forms.XsetOp.XOR, 0xff, false), "--xor-tos"),
            ext("REJECT").byDefault("--reject-with", "icmp-port-unreachable", "icmp6-port-unreachable"));

    private Extensions() {
    }

    private static Map<String, Extension> table(Extension... exts) {
        Map<String, Extension> m = new HashMap<>();
        for (Extension e : exts) {
            m.put(e.name(), e);
        }
        return Map.copyOf(m);
    }

    /** The table of match {@code module}, or null for a module with no known rewrites. */
    static Extension match(String module) {
        return MATCHES.get(module.toLowerCase(Locale.ROOT));
    }

    /** The table of target {@code name}, or null. */
    static Extension target(String name) {
        return TARGETS.get(name);
    }
}
