package io.iptscope.detect;

import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every base chain of every writer on every hook, in the order the kernel runs them: legacy tables at their fixed
 * priorities, iptables-nft's tables and native tables at their declared priorities. A packet passes a hook only if
 * every base chain on it lets it through: an accept ends only its own chain.
 *
 * @param hooks one entry per family and hook that has at least one base chain
 */
public record HookPipeline(List<Hook> hooks) {

    public static final List<String> HOOKS = List.of("prerouting", "input", "forward", "output", "postrouting");

    /** Legacy tables register at these priorities (NF_IP_PRI_*); nat's prerouting/output are dstnat, input/postrouting srcnat. */
    private static final Map<String, Integer> LEGACY_PRIORITY = Map.of("raw", -300, "mangle", -150, "filter", 0,
            "security", 50);
    private static final Map<String, List<String>> TABLE_HOOKS = Map.of(
            "raw", List.of("prerouting", "output"),
            "mangle", HOOKS,
            "nat", List.of("prerouting", "input", "output", "postrouting"),
            "filter", List.of("input", "forward", "output"),
            "security", List.of("input", "forward", "output"));

    public HookPipeline {
        hooks = List.copyOf(hooks);
    }

    public record Hook(Family family, String hook, List<Stage> stages) {
        public Hook {
            stages = List.copyOf(stages);
        }

        public List<Stage> blocking() {
            return stages.stream().filter(Stage::blocks).toList();
        }
    }

    /**
     * One base chain on a hook.
     *
     * @param writer   {@code legacy}, {@code iptables-nft} or {@code native}
     * @param table    iptables table name, or {@code family name} of a native table
     * @param policy   {@code accept} or {@code drop} (lower case for every writer)
     * @param rules    rules in the chain; null when unknown (native table content not read)
     * @param endsWith {@code drop} or {@code reject} when the chain ends in a catch-all rule with that verdict
     * @param owners   owners of the chain's rules, or of the native table
     * @param accepts  some rule of the chain accepts
     * @param interfaces for a blocking native chain, its verdict on each interface its table names (empty for
     *                   iptables chains, and in a report written before they were read)
     */
    public record Stage(String writer, String table, String chain, int priority, String policy, Integer rules,
                        String endsWith, List<String> owners, boolean accepts, List<InterfaceVerdict> interfaces) {
        public Stage {
            owners = List.copyOf(owners);
            interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
        }

        public boolean blocks() {
            return "drop".equals(policy) || endsWith != null;
        }

        /**
         * The interfaces its rules name whose traffic on {@code hook} it accepts before it blocks: the traffic of a
         * packet on that hook is the interface's it enters by (on output and postrouting, the one it leaves by).
         */
        private List<InterfaceVerdict> passes(String hook) {
            InterfaceVerdict.Direction d = InterfaceVerdict.Direction.onHook(hook);
            return interfaces.stream().filter(v -> v.match() == d && v.name() != null
                    && v.verdict() == InterfaceVerdict.Outcome.ACCEPT).toList();
        }

        /** {@link #passes} in words ("passes iifname docker0 in filter_FWD_docker"); empty when it passes none. */
        public java.util.Optional<String> passesText(String hook) {
            List<InterfaceVerdict> passed = blocks() ? passes(hook) : List.of();
            return passed.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of("passes " + passed.stream()
                    .map(v -> v.match().id() + " " + v.name() + " in " + v.chain())
                    .collect(java.util.stream.Collectors.joining(", ")));
        }

        public String describe() {
            return writer + " " + table + " " + chain;
        }

        /** What blocks, in words: "policy drop", "a catch-all reject at its end". */
        public String blocksHow() {
            List<String> how = new ArrayList<>();
            if ("drop".equals(policy)) {
                how.add("policy drop");
            }
            if (endsWith != null) {
                how.add("a catch-all " + endsWith + " at its end");
            }
            return String.join(" and ", how);
        }
    }

    public Optional<Hook> hook(Family f, String hook) {
        return hooks.stream().filter(h -> h.family() == f && h.hook().equals(hook)).findFirst();
    }

    public static HookPipeline of(Evidence ev) {
        List<Hook> out = new ArrayList<>();
        for (Family f : Family.values()) {
            for (String hook : HOOKS) {
                List<Stage> stages = new ArrayList<>();
                for (Backend b : Backend.values()) {
                    BackendEvidence be = ev.of(b, f);
                    if (!be.readable()) {
                        continue;
                    }
                    for (TableEvidence t : be.tables()) {
                        if (!TABLE_HOOKS.getOrDefault(t.name(), List.of()).contains(hook)) {
                            continue;
                        }
                        String chainName = hook.toUpperCase(Locale.ROOT);
                        t.chainFacts(chainName).ifPresent(c -> stages.add(iptablesStage(ev, b, f, t.name(), hook, c)));
                    }
                }
                for (NftTablesEvidence.NftTable t : ev.nftTables().nativeTables()) {
                    if (!appliesTo(t.family(), f)) {
                        continue;
                    }
                    for (NftTablesEvidence.NftBaseChain c : t.baseChains()) {
                        if (hook.equals(c.hook())) {
                            stages.add(nativeStage(t, c));
                        }
                    }
                }
                if (!stages.isEmpty()) {
                    stages.sort(Comparator.comparingInt(Stage::priority));
                    out.add(new Hook(f, hook, stages));
                }
            }
        }
        return new HookPipeline(out);
    }

    private static boolean appliesTo(String nftFamily, Family f) {
        return nftFamily.equals("inet") || (nftFamily.equals("ip") && f == Family.IPV4)
                || (nftFamily.equals("ip6") && f == Family.IPV6);
    }

    private static Stage iptablesStage(Evidence ev, Backend b, Family f, String table, String hook,
                                       TableEvidence.ChainFacts c) {
        int prio = legacyPriority(table, hook);
        if (b == Backend.NFT) {
            String family = f == Family.IPV4 ? "ip" : "ip6";
            prio = ev.nftTables().tables().stream()
                    .filter(t -> t.family().equals(family) && t.name().equals(table))
                    .flatMap(t -> t.baseChains().stream()).filter(x -> x.name().equals(c.name()))
                    .map(NftTablesEvidence.NftBaseChain::priority).findFirst().orElse(prio);
        }
        Set<String> owners = new LinkedHashSet<>();
        c.baseRules().forEach(r -> {
            if (r.owner() != null) {
                owners.add(r.owner());
            }
        });
        String policy = c.policy() == null ? "accept" : c.policy().toLowerCase(Locale.ROOT);
        return new Stage(Ownership.writerOf(b), table, c.name(), prio, policy, c.rules(),
                c.endsWith() == null ? null : c.endsWith().toLowerCase(Locale.ROOT), List.copyOf(owners), c.accepts(),
                List.of());
    }

    static int legacyPriority(String table, String hook) {
        if (table.equals("nat")) {
            return hook.equals("prerouting") || hook.equals("output") ? -100 : 100;
        }
        return LEGACY_PRIORITY.getOrDefault(table, 0);
    }

    private static Stage nativeStage(NftTablesEvidence.NftTable t, NftTablesEvidence.NftBaseChain c) {
        Optional<NftTablesEvidence.NftChain> content = t.content() == null ? Optional.empty()
                : t.content().chain(c.name());
        List<String> owners = Ownership.nativeOwner(t).map(o -> List.of(o.id())).orElse(List.of());
        String policy = c.policy() == null ? "accept" : c.policy();
        return new Stage("native", t.qualifiedName(), c.name(), c.priority(), policy,
                content.map(NftTablesEvidence.NftChain::rules).orElse(null),
                content.map(NftTablesEvidence.NftChain::endsWith).orElse(null), owners,
                content.map(NftTablesEvidence.NftChain::accepts).orElse(false),
                content.map(NftTablesEvidence.NftChain::interfaces).orElse(List.of()));
    }
}
