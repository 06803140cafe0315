package io.iptscope.rules;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The jump/goto graph of a ruleset, per table, with what it tells about dead weight and mistakes: chains
 * nothing refers to, chains no builtin chain can reach, jumps to chains that do not exist, and rules that can
 * never match because an earlier rule of the same chain accepts, drops, rejects or returns every packet.
 */
public final class ChainGraph {

    /** Targets iptables provides itself or through extensions; any other target name must be a chain. */
    private static final Set<String> KNOWN_TARGETS = Set.of("ACCEPT", "DROP", "RETURN", "QUEUE", "REJECT", "LOG",
            "NFLOG", "ULOG", "DNAT", "SNAT", "MASQUERADE", "REDIRECT", "NETMAP", "MARK", "CONNMARK", "CT", "NOTRACK",
            "TPROXY", "TCPMSS", "TOS", "DSCP", "TTL", "HL", "CLASSIFY", "AUDIT", "CHECKSUM", "CONNSECMARK", "SECMARK",
            "SET", "NFQUEUE", "TEE", "TRACE", "IDLETIMER", "LED", "RATEEST", "SYNPROXY", "HMARK", "CLUSTERIP", "ECN",
            "DNPT", "SNPT", "TCPOPTSTRIP", "JOOL", "FULLCONENAT");
    private static final Set<String> TERMINAL = Set.of("ACCEPT", "DROP", "REJECT", "RETURN");
    /** Options that do not restrict which packets match. */
    private static final Set<String> NOT_CONDITIONS = Set.of("-c", "--set-counters");

    /** The edges from one chain to another of one kind, merged into one arrow of the DOT graph. */
    private record Arrow(String from, String to, Target.Kind kind) implements Comparable<Arrow> {
        private static final Comparator<Arrow> ORDER = Comparator.comparing(Arrow::from).thenComparing(Arrow::to)
                .thenComparing(Arrow::kind);

        @Override
        public int compareTo(Arrow other) {
            return ORDER.compare(this, other);
        }
    }

    /**
     * A rule's jump or goto to a chain; {@code missing} when the table has no such chain.
     *
     * @param position the rule's 1-based place in its chain
     */
    public record Edge(String table, String from, String to, Target.Kind kind, int line, int position, boolean missing) {
    }

    /** A rule that can never match, and the earlier rule that takes every packet first. */
    public record Shadowed(String table, String chain, RuleRef rule, RuleRef by) {
    }

    private final List<Edge> edges;
    private final Map<ChainRef, List<Edge>> incoming;
    private final List<ChainRef> unreferenced;
    private final List<ChainRef> unreachable;
    private final List<Shadowed> shadowed;
    private final List<Table> tables;

    private ChainGraph(List<Table> tables, List<Edge> edges, List<Shadowed> shadowed) {
        this.tables = tables;
        this.edges = List.copyOf(edges);
        this.shadowed = List.copyOf(shadowed);
        Map<ChainRef, List<Edge>> in = new HashMap<>();
        for (Edge e : this.edges) {
            in.computeIfAbsent(new ChainRef(e.table(), e.to()), k -> new ArrayList<>()).add(e);
        }
        in.replaceAll((k, v) -> List.copyOf(v));
        this.incoming = in;
        List<ChainRef> unref = new ArrayList<>();
        List<ChainRef> unreach = new ArrayList<>();
        for (Table t : tables) {
            Set<String> reached = reachable(t);
            for (Chain c : t.chains()) {
                if (c.builtin()) {
                    continue;
                }
                ChainRef ref = new ChainRef(t.name(), c.name());
                if (!in.containsKey(ref)) {
                    unref.add(ref);
                }
                if (!reached.contains(c.name())) {
                    unreach.add(ref);
                }
            }
        }
        this.unreferenced = List.copyOf(unref);
        this.unreachable = List.copyOf(unreach);
    }

    public static ChainGraph of(Ruleset rs) {
        List<Edge> edges = new ArrayList<>();
        List<Shadowed> shadowed = new ArrayList<>();
        for (Table t : rs.tables()) {
            for (Chain c : t.chains()) {
                RuleRef terminal = null;
                List<Rule> rules = c.rules();
                for (int i = 0; i < rules.size(); i++) {
                    Rule r = rules.get(i);
                    RuleSpec s = r.spec();
                    Target target = s.target();
                    if (terminal != null) {
                        shadowed.add(new Shadowed(t.name(), c.name(), RuleRef.of(r, i), terminal));
                    }
                    if (target == null) {
                        continue;
                    }
                    boolean chainTarget = target.kind() == Target.Kind.GOTO || t.chain(target.name()).isPresent()
                            || !KNOWN_TARGETS.contains(target.name()) && target.options().isEmpty();
                    if (chainTarget) {
                        edges.add(new Edge(t.name(), c.name(), target.name(), target.kind(), r.line(), i + 1,
                                t.chain(target.name()).isEmpty()));
                    } else if (terminal == null && TERMINAL.contains(target.name()) && unconditional(s)) {
                        terminal = RuleRef.of(r, i);
                    }
                }
            }
        }
        return new ChainGraph(rs.tables(), edges, shadowed);
    }

    /** Matches nothing but packets of every kind: no address, interface, protocol or module condition. */
    private static boolean unconditional(RuleSpec s) {
        if (s.protocol() != null || s.source() != null || s.destination() != null || s.inInterface() != null
                || s.outInterface() != null || s.fragment() != null) {
            return false;
        }
        for (Match m : s.matches()) {
            if (!m.module().equals("comment")) {
                return false;
            }
        }
        for (Option o : s.otherOptions()) {
            if (!NOT_CONDITIONS.contains(o.name())) {
                return false;
            }
        }
        return true;
    }

    private Set<String> reachable(Table t) {
        Map<String, List<String>> out = new HashMap<>();
        for (Edge e : edges) {
            if (e.table().equals(t.name())) {
                out.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
            }
        }
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>();
        for (Chain c : t.chains()) {
            if (c.builtin() && seen.add(c.name())) {
                todo.add(c.name());
            }
        }
        while (!todo.isEmpty()) {
            for (String next : out.getOrDefault(todo.poll(), List.of())) {
                if (seen.add(next)) {
                    todo.add(next);
                }
            }
        }
        return seen;
    }

    /** Every jump and goto to a chain (or to a name that should be one), in file order per table. */
    public List<Edge> edges() {
        return edges;
    }

    /** The rules that jump or go to this chain. */
    public List<Edge> referencedBy(String table, String chain) {
        return incoming.getOrDefault(new ChainRef(table, chain), Collections.emptyList());
    }

    /** User chains no rule jumps or goes to. */
    public List<ChainRef> unreferenced() {
        return unreferenced;
    }

    /** User chains no path from a builtin chain leads to (unreferenced ones included). */
    public List<ChainRef> unreachable() {
        return unreachable;
    }

    /** Jumps and gotos to chains the table does not have. */
    public List<Edge> missingTargets() {
        return edges.stream().filter(Edge::missing).toList();
    }

    public List<Shadowed> shadowed() {
        return shadowed;
    }

    /**
     * Graphviz DOT: one cluster per table, builtin chains as boxes, missing chains dashed red, gotos dashed;
     * parallel edges are merged with their count as label.
     */
    public String toDot() {
        StringBuilder sb = new StringBuilder("digraph iptables {\n  rankdir=LR;\n  node [fontname=\"monospace\"];\n");
        Set<ChainRef> unreachableSet = new HashSet<>(unreachable);
        for (Table t : tables) {
            sb.append("  subgraph ").append(dotId("cluster_" + t.name())).append(" {\n    label=")
                    .append(dotId("*" + t.name())).append(";\n");
            for (Chain c : t.chains()) {
                sb.append("    ").append(node(t.name(), c.name())).append(" [label=").append(dotId(c.name()));
                if (c.builtin()) {
                    sb.append(", shape=box, style=bold");
                } else if (unreachableSet.contains(new ChainRef(t.name(), c.name()))) {
                    sb.append(", style=dotted");
                }
                sb.append("];\n");
            }
            Set<String> missing = new TreeSet<>();
            Map<Arrow, Integer> merged = new LinkedHashMap<>();
            for (Edge e : edges) {
                if (e.table().equals(t.name())) {
                    if (e.missing()) {
                        missing.add(e.to());
                    }
                    merged.merge(new Arrow(e.from(), e.to(), e.kind()), 1, Integer::sum);
                }
            }
            for (String m : missing) {
                sb.append("    ").append(node(t.name(), m)).append(" [label=").append(dotId(m + " (missing)"))
                        .append(", color=red, fontcolor=red, style=dashed];\n");
            }
            merged.forEach((k, count) -> {
                sb.append("    ").append(node(t.name(), k.from())).append(" -> ")
                        .append(node(t.name(), k.to()));
                List<String> attrs = new ArrayList<>();
                if (k.kind() == Target.Kind.GOTO) {
                    attrs.add("style=dashed");
                }
                if (count > 1) {
                    attrs.add("label=\"" + count + "\"");
                }
                if (!attrs.isEmpty()) {
                    sb.append(" [").append(String.join(", ", attrs)).append(']');
                }
                sb.append(";\n");
            });
            sb.append("  }\n");
        }
        return sb.append("}\n").toString();
    }

    private static String node(String table, String chain) {
        return dotId(table + ":" + chain);
    }

    /** A DOT quoted ID. */
    private static String dotId(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
