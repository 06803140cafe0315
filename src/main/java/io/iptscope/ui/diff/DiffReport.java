package io.iptscope.ui.diff;

import io.iptscope.detect.Markers;
import io.iptscope.rules.Chain;
import io.iptscope.rules.Rule;
import io.iptscope.rules.RuleRef;
import io.iptscope.rules.RuleSpec;
import io.iptscope.rules.Ruleset;
import io.iptscope.rules.RulesetDiff;
import io.iptscope.rules.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A diff as an operator reads it: rules paired by identity (chain and normalised rule, as
 * {@link io.iptscope.rules.RulesetDiffer} pairs them; a replacement only when it keeps the rule's comment
 * and target), never by position, so two unrelated rules that happen to stand at the same place are one
 * rule only in A and one only in B. Per chain the counts, per owner (the component a chain's prefix names)
 * the totals, and per table the chains both sides hold alike.
 *
 * @param a         the first side's name
 * @param b         the second side's name
 * @param sections  the chains that differ, table by table
 * @param unchanged per table, the chains both sides hold alike
 * @param owners    per owner, what only one side holds and what changed
 */
public record DiffReport(String a, String b, List<Section> sections, Map<String, List<String>> unchanged,
                         List<OwnerTotal> owners) {

    /** The owner of chains no known component's prefix names, and of builtin chains' own rules. */
    public static final String NO_OWNER = "(no owner)";

    public DiffReport {
        sections = List.copyOf(sections);
        unchanged = Map.copyOf(unchanged);
        owners = List.copyOf(owners);
    }

    /** Where a chain is. */
    public enum Side {
        ONLY_A,
        ONLY_B,
        BOTH
    }

    /**
     * One chain that differs, with its lines (rule changes, policy change).
     *
     * @param owner the component the chain's name points to, or {@link #NO_OWNER}
     */
    public record Section(String table, String chain, String owner, Side side, int onlyA, int onlyB, int changed,
                          int moved, String policyA, String policyB, List<DiffLine> lines) {
        public Section {
            lines = List.copyOf(lines);
        }

        public boolean policyChanged() {
            return side == Side.BOTH && !Objects.equals(policyA, policyB);
        }

        /** {@code 2 only in A · 1 changed}. */
        public String counts(String nameA, String nameB) {
            List<String> parts = new ArrayList<>();
            if (side != Side.BOTH) {
                parts.add("chain only in " + (side == Side.ONLY_A ? nameA : nameB) + ", " + (onlyA + onlyB)
                        + (onlyA + onlyB == 1 ? " rule" : " rules"));
            } else {
                if (onlyA > 0) {
                    parts.add(onlyA + " only in " + nameA);
                }
                if (onlyB > 0) {
                    parts.add(onlyB + " only in " + nameB);
                }
                if (changed > 0) {
                    parts.add(changed + " changed");
                }
                if (moved > 0) {
                    parts.add(moved + " moved");
                }
                if (policyChanged()) {
                    parts.add("policy " + policyA + " → " + policyB);
                }
            }
            return String.join(" · ", parts);
        }
    }

    /** Per owner: chains and rules only one side holds, rules changed. */
    public record OwnerTotal(String owner, int chainsOnlyA, int chainsOnlyB, int rulesOnlyA, int rulesOnlyB,
                             int changed) {

        OwnerTotal plus(OwnerTotal o) {
            return new OwnerTotal(owner, chainsOnlyA + o.chainsOnlyA, chainsOnlyB + o.chainsOnlyB,
                    rulesOnlyA + o.rulesOnlyA, rulesOnlyB + o.rulesOnlyB, changed + o.changed);
        }

        /** {@code docker: 2 chains and 6 rules only in legacy}. */
        public String describe(String nameA, String nameB) {
            List<String> parts = new ArrayList<>();
            side(parts, chainsOnlyA, rulesOnlyA, nameA);
            side(parts, chainsOnlyB, rulesOnlyB, nameB);
            if (changed > 0) {
                parts.add(changed + " changed");
            }
            return owner + ": " + String.join("; ", parts);
        }

        private static void side(List<String> parts, int chains, int rules, String name) {
            if (chains == 0 && rules == 0) {
                return;
            }
            String c = chains == 0 ? "" : chains + (chains == 1 ? " chain" : " chains") + " and ";
            parts.add(c + rules + (rules == 1 ? " rule" : " rules") + " only in " + name);
        }
    }

    public boolean isEmpty() {
        return sections.isEmpty();
    }

    /** Regroups what the differ found; {@code first} and {@code second} are the rulesets it compared. */
    public static DiffReport of(RulesetDiff diff, Ruleset first, Ruleset second) {
        List<Section> sections = new ArrayList<>();
        Map<String, OwnerTotal> owners = new LinkedHashMap<>();
        Map<String, List<String>> unchanged = new LinkedHashMap<>();
        Map<String, RulesetDiff.TableDiff> byTable = new LinkedHashMap<>();
        diff.tables().forEach(t -> byTable.put(t.name(), t));
        for (Table t : first.tables()) {
            Optional<Table> other = second.table(t.name());
            List<String> same = new ArrayList<>();
            RulesetDiff.TableDiff td = byTable.get(t.name());
            for (Chain c : t.chains()) {
                boolean differs = td != null && td.chains().stream().anyMatch(cd -> cd.name().equals(c.name()));
                if (!differs && other.flatMap(o -> o.chain(c.name())).isPresent()) {
                    same.add(c.name());
                }
            }
            if (!same.isEmpty()) {
                unchanged.put(t.name(), List.copyOf(same));
            }
        }
        for (RulesetDiff.TableDiff t : diff.tables()) {
            for (RulesetDiff.ChainDiff c : t.chains()) {
                Section s = section(t.name(), c, first, second, owners);
                sections.add(s);
            }
        }
        List<OwnerTotal> totals = new ArrayList<>(owners.values());
        // The owners with the most one-sided weight first; no owner last.
        totals.sort((x, y) -> x.owner().equals(NO_OWNER) != y.owner().equals(NO_OWNER)
                ? (x.owner().equals(NO_OWNER) ? 1 : -1)
                : Integer.compare(weight(y), weight(x)));
        return new DiffReport(diff.before(), diff.after(), sections, unchanged, totals);
    }

    private static int weight(OwnerTotal o) {
        return o.rulesOnlyA() + o.rulesOnlyB() + o.changed();
    }

    private static Section section(String table, RulesetDiff.ChainDiff c, Ruleset first, Ruleset second,
                                   Map<String, OwnerTotal> owners) {
        Side side = switch (c.status()) {
            case REMOVED -> Side.ONLY_A;
            case ADDED -> Side.ONLY_B;
            case CHANGED -> Side.BOTH;
        };
        String chainOwner = ownerOf(c.name()).orElse(NO_OWNER);
        List<DiffLine> lines = new ArrayList<>();
        if (c.policyChanged()) {
            lines.add(new DiffLine(DiffLine.Kind.POLICY, table, c.name(), "policy " + c.policyBefore() + " → "
                    + c.policyAfter()));
        }
        int onlyA = 0;
        int onlyB = 0;
        int changed = 0;
        int moved = 0;
        for (RulesetDiff.RuleChange r : c.rules()) {
            switch (r.kind()) {
                case ADDED -> {
                    lines.add(line(DiffLine.Kind.ADDED, table, c.name(), r.after()));
                    onlyB++;
                    count(owners, ruleOwner(c.name(), spec(second, table, c.name(), r.after())), 0, 1, 0);
                }
                case REMOVED -> {
                    lines.add(line(DiffLine.Kind.REMOVED, table, c.name(), r.before()));
                    onlyA++;
                    count(owners, ruleOwner(c.name(), spec(first, table, c.name(), r.before())), 1, 0, 0);
                }
                case MOVED -> {
                    lines.add(new DiffLine(DiffLine.Kind.MOVED, table, c.name(), "#" + r.before().position() + " → #"
                            + r.after().position() + " " + r.after().text()));
                    moved++;
                }
                case CHANGED -> {
                    RuleSpec before = spec(first, table, c.name(), r.before());
                    RuleSpec after = spec(second, table, c.name(), r.after());
                    if (sameIdentity(before, after)) {
                        lines.add(new DiffLine(DiffLine.Kind.CHANGED, table, c.name(), "#" + r.before().position()
                                + " " + r.before().text() + "\n        → #" + r.after().position() + " "
                                + r.after().text()));
                        changed++;
                        count(owners, ruleOwner(c.name(), after), 0, 0, 1);
                    } else {
                        // Paired only by place: two different rules, one on each side.
                        lines.add(line(DiffLine.Kind.REMOVED, table, c.name(), r.before()));
                        lines.add(line(DiffLine.Kind.ADDED, table, c.name(), r.after()));
                        onlyA++;
                        onlyB++;
                        count(owners, ruleOwner(c.name(), before), 1, 0, 0);
                        count(owners, ruleOwner(c.name(), after), 0, 1, 0);
                    }
                }
                default -> throw new IllegalStateException(r.kind().toString());
            }
        }
        if (side != Side.BOTH) {
            owners.merge(chainOwner, new OwnerTotal(chainOwner, side == Side.ONLY_A ? 1 : 0,
                    side == Side.ONLY_B ? 1 : 0, 0, 0, 0), OwnerTotal::plus);
        }
        return new Section(table, c.name(), chainOwner, side, onlyA, onlyB, changed, moved, c.policyBefore(),
                c.policyAfter(), lines);
    }

    private static DiffLine line(DiffLine.Kind kind, String table, String chain, RuleRef r) {
        return new DiffLine(kind, table, chain, "#" + r.position() + " " + r.text());
    }

    private static void count(Map<String, OwnerTotal> owners, String owner, int a, int b, int changed) {
        owners.merge(owner, new OwnerTotal(owner, 0, 0, a, b, changed), OwnerTotal::plus);
    }

    /** A replacement keeps what its writer keeps stable: the comment (which names the rule) and the target. */
    private static boolean sameIdentity(RuleSpec a, RuleSpec b) {
        return a != null && b != null && a.comment() != null && a.comment().equals(b.comment())
                && Objects.equals(a.target() == null ? null : a.target().name(),
                b.target() == null ? null : b.target().name());
    }

    private static RuleSpec spec(Ruleset rs, String table, String chain, RuleRef ref) {
        return rs.table(table).flatMap(t -> t.chain(chain)).map(Chain::rules)
                .filter(rules -> ref.position() - 1 < rules.size()).map(rules -> rules.get(ref.position() - 1))
                .map(Rule::spec).orElse(null);
    }

    /** A rule belongs to its chain's owner; in a builtin chain, to the owner of the chain it jumps to. */
    private static String ruleOwner(String chain, RuleSpec spec) {
        return ownerOf(chain).or(() -> spec == null || spec.target() == null ? Optional.empty()
                : ownerOf(spec.target().name())).orElse(NO_OWNER);
    }

    private static Optional<String> ownerOf(String chain) {
        return Markers.ownerOf(chain);
    }

    /** Whether a text filter keeps this section: its table, chain, owner or a line holds the text. */
    static boolean mentions(Section s, String needle) {
        return contains(s.table(), needle) || contains(s.chain(), needle) || contains(s.owner(), needle)
                || s.lines().stream().anyMatch(l -> contains(l.text(), needle));
    }

    static boolean contains(String text, String needle) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(needle);
    }
}
