package io.iptscope.detect;

import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.rules.Match;
import io.iptscope.rules.Param;
import io.iptscope.rules.RuleSpec;
import io.iptscope.rules.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who writes where: every owner found in legacy, in iptables-nft's tables and in native nft tables, with the mode
 * the evidence proves (kube-proxy iptables / ipvs / nftables, Docker iptables / nftables, ...).
 *
 * @param writers one entry per owner, writer, family and table
 * @param modes   owner id to the mode its live evidence proves
 */
public record Ownership(List<Presence> writers, Map<String, String> modes) {

    /** Matches that do not narrow a rule: a rule with only these matches every packet. */
    private static final Set<String> NON_MATCHING = Set.of("comment", "limit", "counter");

    public Ownership {
        writers = List.copyOf(writers);
        modes = Map.copyOf(modes);
    }

    /**
     * One owner in one table.
     *
     * @param writer {@code legacy}, {@code iptables-nft} or {@code native}
     * @param family null for a native {@code inet} (both families) or other non-ip table
     * @param table  the iptables table name, or {@code family name} of a native table
     * @param mode   the mode this presence proves, or null
     */
    public record Presence(String owner, String writer, Family family, String table, int chains, int rules, String mode) {
    }

    public static String writerOf(Backend b) {
        return b == Backend.LEGACY ? "legacy" : "iptables-nft";
    }

    /** Owner of a rule outside its owner's chains: by comment, jump target, then interface. */
    static Optional<String> ruleOwner(RuleSpec spec) {
        OwnerCatalogue cat = OwnerCatalogue.get();
        Optional<OwnerCatalogue.Owner> o = cat.ofComment(spec.comment());
        if (o.isEmpty() && spec.target() != null) {
            o = cat.ofChain(spec.target().name());
        }
        if (o.isEmpty()) {
            o = cat.ofInterface(value(spec.inInterface()));
        }
        if (o.isEmpty()) {
            o = cat.ofInterface(value(spec.outInterface()));
        }
        return o.map(OwnerCatalogue.Owner::id);
    }

    private static String value(Param p) {
        return p == null ? null : p.value().replace("+", "*");
    }

    /** {@code DROP} or {@code REJECT} when the rule matches every packet and ends there, else null. */
    static String catchAll(RuleSpec spec) {
        Target t = spec.target();
        if (t == null || !(t.name().equals("DROP") || t.name().equals("REJECT"))) {
            return null;
        }
        if (spec.protocol() != null || spec.source() != null || spec.destination() != null
                || spec.inInterface() != null || spec.outInterface() != null || spec.fragment() != null
                || !spec.otherOptions().isEmpty()) {
            return null;
        }
        for (Match m : spec.matches()) {
            if (!NON_MATCHING.contains(m.module())) {
                return null;
            }
        }
        return t.name();
    }

    public static Ownership of(Evidence ev) {
        OwnerCatalogue cat = OwnerCatalogue.get();
        List<Presence> out = new ArrayList<>();
        Map<String, Set<String>> modes = new LinkedHashMap<>();
        for (FamilyEvidence fe : ev.families()) {
            for (Backend b : Backend.values()) {
                BackendEvidence be = fe.of(b);
                if (!be.readable()) {
                    continue;
                }
                for (TableEvidence t : be.tables()) {
                    Map<String, Set<String>> chainModes = chainModes(cat, t);
                    for (TableEvidence.OwnerCount oc : t.owners()) {
                        Set<String> m = chainModes.getOrDefault(oc.owner(), Set.of());
                        String mode = m.isEmpty() ? null : String.join("+", m);
                        out.add(new Presence(oc.owner(), writerOf(b), fe.family(), t.name(), oc.chains(), oc.rules(),
                                mode));
                        m.forEach(x -> modes.computeIfAbsent(oc.owner(), k -> new LinkedHashSet<>()).add(x));
                    }
                }
            }
        }
        for (NftTablesEvidence.NftTable t : ev.nftTables().nativeTables()) {
            Optional<OwnerCatalogue.Owner> owner = nativeOwner(t);
            if (owner.isEmpty()) {
                continue;
            }
            String mode = owner.get().modeOfTable(t.family(), t.name()).orElse(null);
            NftTablesEvidence.NftTableContent c = t.content();
            out.add(new Presence(owner.get().id(), "native", familyOf(t.family()), t.qualifiedName(),
                    c == null ? t.baseChains().size() : c.chains().size(),
                    c == null ? 0 : c.chains().stream().mapToInt(NftTablesEvidence.NftChain::rules).sum(), mode));
            if (mode != null) {
                modes.computeIfAbsent(owner.get().id(), k -> new LinkedHashSet<>()).add(mode);
            }
        }
        Map<String, String> modeOf = new LinkedHashMap<>();
        // A native table proves the current mode: a writer moves to nftables, and the other mode's chains stay behind.
        modes.forEach((o, m) -> modeOf.put(o, m.contains("nftables") ? "nftables" : String.join("+", m)));
        return new Ownership(out, modeOf);
    }

    /**
     * The modes each owner's chains of a table prove. One pass over the chains (36k in a 100k-rule kube-proxy nat),
     * not one per owner; a run of chains of one owner looks its owner up once.
     */
    private static Map<String, Set<String>> chainModes(OwnerCatalogue cat, TableEvidence t) {
        Map<String, Set<String>> chainModes = new LinkedHashMap<>();
        String owner = null;
        OwnerCatalogue.Owner entry = null;
        Set<String> modes = null;
        for (TableEvidence.ChainFacts c : t.chainFacts()) {
            if (c.owner() == null) {
                continue;
            }
            if (!c.owner().equals(owner)) {
                owner = c.owner();
                entry = cat.owner(owner);
                modes = chainModes.computeIfAbsent(owner, k -> new LinkedHashSet<>());
            }
            Optional<String> mode = entry.modeOfChain(c.name());
            if (mode.isPresent()) {
                modes.add(mode.get());
            }
        }
        return chainModes;
    }

    /** By family and name, then by the comments of the table, its chains and rules. */
    public static Optional<OwnerCatalogue.Owner> nativeOwner(NftTablesEvidence.NftTable t) {
        OwnerCatalogue cat = OwnerCatalogue.get();
        Optional<OwnerCatalogue.Owner> o = cat.ofTable(t.family(), t.name());
        if (o.isPresent() || t.content() == null) {
            return o;
        }
        o = cat.ofComment(t.content().comment());
        for (NftTablesEvidence.NftChain c : t.content().chains()) {
            for (String comment : c.comments()) {
                if (o.isEmpty()) {
                    o = cat.ofComment(comment);
                }
            }
        }
        return o;
    }

    static Family familyOf(String nftFamily) {
        return switch (nftFamily) {
            case "ip" -> Family.IPV4;
            case "ip6" -> Family.IPV6;
            default -> null;
        };
    }

    public List<Presence> of(String owner) {
        return writers.stream().filter(p -> p.owner().equals(owner)).toList();
    }
}
