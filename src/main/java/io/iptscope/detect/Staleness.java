package io.iptscope.detect;

import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Evidence of a writer that has moved on. A native table of an owner whose catalogue entry says so
 * ({@code staleWhenNative}) makes its iptables chains leftovers: {@code table ip kube-proxy} means kube-proxy runs
 * in nftables mode, so {@code KUBE-SVC-*} and {@code KUBE-PROXY-CANARY} anywhere are leftovers. kube-proxy's
 * iptables chains in both backends while kubelet's hint is in one make the other one's leftovers (its image
 * follows the hint through iptables-wrappers). Stale evidence never outranks live evidence.
 *
 * @param sets           one entry per owner, backend, family and table holding leftovers
 * @param contradictions evidence that cannot be live and stale at once, in plain words
 */
public record Staleness(List<StaleSet> sets, List<String> contradictions) {

    private static final int EXACT_COMMANDS_MAX_CHAINS = 30;

    public Staleness {
        sets = List.copyOf(sets);
        contradictions = List.copyOf(contradictions);
    }

    /**
     * @param chains  the stale chains; {@code rules} counts their rules and the base-chain rules that jump into them
     * @param kept    chains of the owner that stay live (Docker's DOCKER-USER), with why
     * @param cleanup the commands that remove exactly this set, in order
     */
    public record StaleSet(String owner, Backend backend, Family family, String table, List<String> chains, int rules,
                           boolean hasCanary, String reason, String kept, List<String> cleanup) {
        public StaleSet {
            chains = List.copyOf(chains);
            cleanup = List.copyOf(cleanup);
        }
    }

    public static Staleness of(Evidence ev, Ownership ownership) {
        OwnerCatalogue cat = OwnerCatalogue.get();
        List<StaleSet> sets = new ArrayList<>();
        List<String> contradictions = new ArrayList<>();
        for (OwnerCatalogue.Owner owner : cat.owners()) {
            List<Ownership.Presence> natives = ownership.of(owner.id()).stream()
                    .filter(p -> p.writer().equals("native")).toList();
            if (owner.staleWhenNative() && !natives.isEmpty()) {
                String tables = String.join(", ", natives.stream().map(Ownership.Presence::table).distinct().toList());
                collect(ev, owner, owner.keepWhenNative(), null, owner.id() + " writes native nftables ("
                        + tables + "): its iptables chains are leftovers of its iptables mode", sets);
            }
        }
        // kube-proxy in iptables mode follows kubelet's hint: in the other backend its chains are leftovers.
        OwnerCatalogue.Owner kp = cat.owner("kube-proxy");
        boolean kpNative = ownership.of("kube-proxy").stream().anyMatch(p -> p.writer().equals("native"));
        for (FamilyEvidence fe : ev.families()) {
            boolean hintL = fe.legacy().readable() && fe.legacy().hasMangleHint();
            boolean hintN = fe.nft().readable() && fe.nft().hasMangleHint();
            if (hintL && hintN) {
                contradictions.add(fe.family().id() + ": kubelet's hint chain (" + Markers.KUBE_IPTABLES_HINT
                        + ") is in both legacy and nft: kubelet ran with both binaries at some time, the hint tells "
                        + "nothing; the live writers decide");
            }
            if (!kpNative && hintL != hintN && has(fe.legacy(), "kube-proxy") && has(fe.nft(), "kube-proxy")) {
                Backend stale = hintL ? Backend.NFT : Backend.LEGACY;
                collect(ev, kp, List.of(), stale, "kube-proxy's chains are in both backends but kubelet's hint is only "
                        + "in " + stale.other().id() + ": kube-proxy's image follows the hint, the " + stale.id()
                        + " copy is left over", sets, fe.family());
            }
        }
        return new Staleness(sets, contradictions);
    }

    private static boolean has(BackendEvidence e, String owner) {
        return e.readable() && e.tables().stream().anyMatch(t -> t.chainFacts().stream()
                .anyMatch(c -> owner.equals(c.owner())));
    }

    private static void collect(Evidence ev, OwnerCatalogue.Owner owner, List<String> keep, Backend only, String reason,
                                List<StaleSet> out, Family... families) {
        List<Family> fams = families.length == 0 ? List.of(Family.values()) : List.of(families);
        for (Family f : fams) {
            for (Backend b : Backend.values()) {
                if (only != null && b != only) {
                    continue;
                }
                BackendEvidence be = ev.of(b, f);
                if (!be.readable()) {
                    continue;
                }
                for (TableEvidence t : be.tables()) {
                    staleIn(owner, keep, b, f, t, reason).ifPresent(out::add);
                }
            }
        }
    }

    private static Optional<StaleSet> staleIn(OwnerCatalogue.Owner owner, List<String> keep, Backend b, Family f,
                                              TableEvidence t, String reason) {
        List<String> chains = new ArrayList<>();
        Set<String> keptHere = new LinkedHashSet<>();
        int rules = 0;
        boolean canary = false;
        for (TableEvidence.ChainFacts c : t.chainFacts()) {
            if (c.builtin() || !owner.id().equals(c.owner())) {
                continue;
            }
            if (keep.stream().anyMatch(k -> OwnerCatalogue.matches(k, c.name()))) {
                keptHere.add(c.name());
                continue;
            }
            chains.add(c.name());
            rules += c.rules();
            canary |= Markers.ALL.contains(c.name());
        }
        List<TableEvidence.RuleFacts> jumps = new ArrayList<>();
        for (TableEvidence.ChainFacts c : t.chainFacts()) {
            if (!c.builtin()) {
                continue;
            }
            for (TableEvidence.RuleFacts r : c.baseRules()) {
                boolean keptTarget = r.target() != null && keptHere.contains(r.target());
                if (!keptTarget && (owner.id().equals(r.owner()) || chains.contains(r.target()))) {
                    jumps.add(r);
                }
            }
        }
        if (chains.isEmpty() && jumps.isEmpty()) {
            return Optional.empty();
        }
        rules += jumps.size();
        String tool = f.toolPrefix() + "-" + b.id();
        String kept = keptHere.isEmpty() ? null : String.join(", ", keptHere) + " and the FORWARD policy stay in effect: "
                + owner.id() + " still honours them in its native mode";
        return Optional.of(new StaleSet(owner.id(), b, f, t.name(), chains, rules, canary, reason, kept,
                cleanup(tool, t.name(), chains, jumps)));
    }

    /** Delete the base-chain rules that lead in, flush every stale chain, then delete them (they may refer to each other). */
    static List<String> cleanup(String tool, String table, List<String> chains, List<TableEvidence.RuleFacts> jumps) {
        List<String> out = new ArrayList<>();
        for (TableEvidence.RuleFacts r : jumps) {
            String raw = r.raw().replaceFirst("^\\[\\d+:\\d+\\]\\s*", "");
            out.add(tool + " -t " + table + " -D " + raw.substring(raw.indexOf(' ') + 1));
        }
        if (chains.size() <= EXACT_COMMANDS_MAX_CHAINS) {
            chains.forEach(c -> out.add(tool + " -t " + table + " -F " + c));
            chains.forEach(c -> out.add(tool + " -t " + table + " -X " + c));
        } else {
            String list = String.join(" ", chains);
            out.add("for c in " + list + "; do " + tool + " -t " + table + " -F \"$c\"; done");
            out.add("for c in " + list + "; do " + tool + " -t " + table + " -X \"$c\"; done");
        }
        return out;
    }

    public int staleRules(Backend b, Family f) {
        return sets.stream().filter(s -> s.backend() == b && s.family() == f).mapToInt(StaleSet::rules).sum();
    }

    public boolean isStale(Backend b, Family f, String chain) {
        return sets.stream().anyMatch(s -> s.backend() == b && s.family() == f && s.chains().contains(chain));
    }

    /** Every owner in this backend and family is leftovers (nothing live besides). */
    public boolean onlyStale(BackendEvidence e) {
        int stale = staleRules(e.backend(), e.family());
        return stale > 0 && stale >= e.ruleCount();
    }
}
