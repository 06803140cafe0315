package io.iptscope.rules;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

/**
 * Computes a {@link RulesetDiff}. Rules are compared by meaning ({@link RuleNormalizer#key}), so what
 * iptables rewrites on the way in (implicit matches, {@code /32}, hex padding, MARK forms, option order, quoting)
 * is no difference. Counters are ignored unless asked for.
 *
 * <p>Per chain: rules are paired by identical text first (cheap, and nearly all rules of two snapshots), then
 * the rest by normalized key; at each step the longest common subsequence pairs first, so repeated identical
 * rules ({@code -j REJECT} twice) pair with their own copies and never show as moves, and further rules of
 * the same text or key pair as moves. The longest run of pairs in the same order stays put. Leftover rules pair
 * up as changes when they share comment and target or sit in the same gap between unmoved rules.
 * O(n log n) per chain plus the candidate pairs of repeated rules (capped, then greedy).
 */
public final class RulesetDiffer {

    private RulesetDiffer() {
    }

    public static RulesetDiff diff(Ruleset before, Ruleset after, String beforeName, String afterName,
                                   boolean compareCounters) {
        List<RulesetDiff.TableDiff> tables = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        before.tables().forEach(t -> names.add(t.name()));
        after.tables().forEach(t -> names.add(t.name()));
        for (String name : names) {
            Table a = before.table(name).orElse(null);
            Table b = after.table(name).orElse(null);
            RulesetDiff.TableDiff d = table(name, a, b, compareCounters);
            if (d != null) {
                tables.add(d);
            }
        }
        return new RulesetDiff(beforeName, afterName, compareCounters, tables);
    }

    private static RulesetDiff.TableDiff table(String name, Table a, Table b, boolean counters) {
        RulesetDiff.Status status = a == null ? RulesetDiff.Status.ADDED
                : b == null ? RulesetDiff.Status.REMOVED : RulesetDiff.Status.CHANGED;
        Set<String> chainNames = new LinkedHashSet<>();
        if (a != null) {
            a.chains().forEach(c -> chainNames.add(c.name()));
        }
        if (b != null) {
            b.chains().forEach(c -> chainNames.add(c.name()));
        }
        List<RulesetDiff.ChainDiff> chains = new ArrayList<>();
        for (String c : chainNames) {
            Chain ca = a == null ? null : a.chain(c).orElse(null);
            Chain cb = b == null ? null : b.chain(c).orElse(null);
            RulesetDiff.ChainDiff d = chain(c, ca, cb, counters);
            if (d != null) {
                chains.add(d);
            }
        }
        if (status == RulesetDiff.Status.CHANGED && chains.isEmpty()) {
            return null;
        }
        return new RulesetDiff.TableDiff(name, status, chains);
    }

    private static RulesetDiff.ChainDiff chain(String name, Chain a, Chain b, boolean counters) {
        if (a == null || b == null) {
            Chain only = a == null ? b : a;
            RulesetDiff.RuleChange.Kind kind = a == null ? RulesetDiff.RuleChange.Kind.ADDED
                    : RulesetDiff.RuleChange.Kind.REMOVED;
            List<RulesetDiff.RuleChange> rules = new ArrayList<>(only.ruleCount());
            List<Rule> list = only.rules();
            for (int i = 0; i < list.size(); i++) {
                RuleRef ref = RuleRef.of(list.get(i), i);
                rules.add(new RulesetDiff.RuleChange(kind, a == null ? null : ref, a == null ? ref : null));
            }
            return new RulesetDiff.ChainDiff(name, a == null ? RulesetDiff.Status.ADDED : RulesetDiff.Status.REMOVED,
                    a == null ? null : a.policy(), b == null ? null : b.policy(), a == null ? null : a.counters(),
                    b == null ? null : b.counters(), rules);
        }
        List<RulesetDiff.RuleChange> rules = rules(a.rules(), b.rules(), counters);
        boolean policy = !a.policy().equals(b.policy())
                || counters && !Objects.equals(a.counters(), b.counters());
        if (rules.isEmpty() && !policy) {
            return null;
        }
        return new RulesetDiff.ChainDiff(name, RulesetDiff.Status.CHANGED, a.policy(), b.policy(), a.counters(),
                b.counters(), rules);
    }

    private static List<RulesetDiff.RuleChange> rules(List<Rule> a, List<Rule> b, boolean counters) {
        int n = a.size();
        int m = b.size();
        if (n == m && !counters && sameBodies(a, b)) {
            // Most chains of two snapshots are unchanged; this needs no strings and no maps.
            return List.of();
        }
        int[] match = new int[n];
        Arrays.fill(match, -1);
        boolean[] taken = new boolean[m];
        Specs specsA = new Specs(a);
        Specs specsB = new Specs(b);
        // Same text first (cheap, and nearly all rules of two snapshots), then same meaning for the rest.
        Map<String, Integer> bodyIds = new HashMap<>();
        int[] ba = bodyIds(a, bodyIds);
        int[] bb = bodyIds(b, bodyIds);
        commonSubsequence(ba, bb, match, taken);
        pair(match, taken, n, m, i -> ba[i], j -> bb[j]);
        Map<String, Integer> keyIds = new HashMap<>();
        int[] ka = keys(specsA, keyIds, i -> match[i] >= 0);
        int[] kb = keys(specsB, keyIds, j -> taken[j]);
        commonSubsequence(ka, kb, match, taken);
        pair(match, taken, n, m, i -> ka[i], j -> kb[j]);

        boolean[] anchor = longestIncreasing(match);
        if (hasMoves(match, anchor)) {
            // Pairing by text first can cross a pairing by meaning; moves are rare, so settle them on meaning alone.
            Arrays.fill(match, -1);
            Arrays.fill(taken, false);
            int[] allA = keys(specsA, keyIds, i -> false);
            int[] allB = keys(specsB, keyIds, j -> false);
            commonSubsequence(allA, allB, match, taken);
            pair(match, taken, n, m, i -> allA[i], j -> allB[j]);
            anchor = longestIncreasing(match);
        }
        List<RulesetDiff.RuleChange> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int j = match[i];
            if (j < 0) {
                continue;
            }
            Rule ra = a.get(i);
            Rule rb = b.get(j);
            if (!anchor[i]) {
                out.add(new RulesetDiff.RuleChange(RulesetDiff.RuleChange.Kind.MOVED, RuleRef.of(ra, i),
                        RuleRef.of(rb, j)));
            } else if (counters && !Objects.equals(ra.counters(), rb.counters())) {
                out.add(new RulesetDiff.RuleChange(RulesetDiff.RuleChange.Kind.CHANGED, RuleRef.of(ra, i),
                        RuleRef.of(rb, j)));
            }
        }
        leftovers(a, b, match, taken, anchor, out, specsA, specsB);
        out.sort(Comparator.comparingInt(RulesetDiff::order));
        return out;
    }

    private static boolean hasMoves(int[] match, boolean[] anchor) {
        for (int i = 0; i < match.length; i++) {
            if (match[i] >= 0 && !anchor[i]) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameBodies(List<Rule> a, List<Rule> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).sameBody(b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Each rule's structured view, read at most once per diff of a chain. */
    private static final class Specs {
        private final List<Rule> rules;
        private final RuleSpec[] specs;

        int size() {
            return specs.length;
        }

        Specs(List<Rule> rules) {
            this.rules = rules;
            this.specs = new RuleSpec[rules.size()];
        }

        RuleSpec get(int i) {
            RuleSpec s = specs[i];
            if (s == null) {
                s = rules.get(i).spec();
                specs[i] = s;
            }
            return s;
        }
    }

    private static int[] bodyIds(List<Rule> rules, Map<String, Integer> ids) {
        int[] out = new int[rules.size()];
        for (int i = 0; i < out.length; i++) {
            Integer fresh = ids.size();
            Integer id = ids.putIfAbsent(rules.get(i).body(), fresh);
            out[i] = id == null ? fresh : id;
        }
        return out;
    }

    /** The normalized key's id of each rule not yet paired; -1 for paired ones. */
    private static int[] keys(Specs specs, Map<String, Integer> ids, IntPredicate paired) {
        int[] out = new int[specs.size()];
        for (int i = 0; i < out.length; i++) {
            if (paired.test(i)) {
                out[i] = -1;
                continue;
            }
            Integer fresh = ids.size();
            Integer id = ids.putIfAbsent(RuleNormalizer.key(specs.get(i)), fresh);
            out[i] = id == null ? fresh : id;
        }
        return out;
    }

    /** Beyond this many candidate pairs the exact common subsequence costs too much; greedy pairing takes over. */
    private static final long MAX_CANDIDATE_PAIRS = 4_000_000L;

    /**
     * Pairs the longest common subsequence of the two class sequences (Hunt–Szymanski: a longest increasing run
     * over every candidate pair), so that repeated rules ({@code -j REJECT} twice) pair without phantom moves.
     */
    private static void commonSubsequence(int[] ca, int[] cb, int[] match, boolean[] taken) {
        Map<Integer, int[]> positions = positions(cb);
        long candidates = 0;
        for (int c : ca) {
            int[] p = c < 0 ? null : positions.get(c);
            candidates += p == null ? 0 : p.length;
        }
        if (candidates > MAX_CANDIDATE_PAIRS) {
            return;
        }
        int size = (int) candidates;
        int[] nodeI = new int[size];
        int[] nodeJ = new int[size];
        int[] nodePrev = new int[size];
        int[] tails = new int[Math.min(ca.length, cb.length) + 1];
        int[] tailNode = new int[tails.length];
        int len = 0;
        int nodes = 0;
        for (int i = 0; i < ca.length; i++) {
            int[] p = ca[i] < 0 ? null : positions.get(ca[i]);
            if (p == null) {
                continue;
            }
            // Descending j, so one i extends a run at most once.
            for (int k = p.length - 1; k >= 0; k--) {
                int j = p[k];
                int lo = 0;
                int hi = len;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (tails[mid] < j) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                nodeI[nodes] = i;
                nodeJ[nodes] = j;
                nodePrev[nodes] = lo > 0 ? tailNode[lo - 1] : -1;
                tails[lo] = j;
                tailNode[lo] = nodes;
                nodes++;
                if (lo == len) {
                    len++;
                }
            }
        }
        for (int node = len > 0 ? tailNode[len - 1] : -1; node >= 0; node = nodePrev[node]) {
            match[nodeI[node]] = nodeJ[node];
            taken[nodeJ[node]] = true;
        }
    }

    private static Map<Integer, int[]> positions(int[] classes) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int c : classes) {
            if (c >= 0) {
                counts.merge(c, 1, Integer::sum);
            }
        }
        Map<Integer, int[]> out = new HashMap<>();
        Map<Integer, Integer> filled = new HashMap<>();
        for (int j = 0; j < classes.length; j++) {
            int c = classes[j];
            if (c < 0) {
                continue;
            }
            int[] p = out.computeIfAbsent(c, k -> new int[counts.get(k)]);
            p[filled.merge(c, 1, Integer::sum) - 1] = j;
        }
        return out;
    }

    /** Pairs still-unpaired rules of the same class, first occurrence with first occurrence: moves. */
    private static void pair(int[] match, boolean[] taken, int n, int m, IntUnaryOperator keyA,
                             IntUnaryOperator keyB) {
        Map<Integer, ArrayDeque<Integer>> byKey = new HashMap<>();
        for (int j = 0; j < m; j++) {
            if (!taken[j] && keyB.applyAsInt(j) >= 0) {
                byKey.computeIfAbsent(keyB.applyAsInt(j), k -> new ArrayDeque<>(1)).add(j);
            }
        }
        if (byKey.isEmpty()) {
            return;
        }
        for (int i = 0; i < n; i++) {
            if (match[i] >= 0 || keyA.applyAsInt(i) < 0) {
                continue;
            }
            ArrayDeque<Integer> q = byKey.get(keyA.applyAsInt(i));
            if (q != null && !q.isEmpty()) {
                int j = q.poll();
                match[i] = j;
                taken[j] = true;
            }
        }
    }

    /** Marks the pairs that form the longest run in the same order on both sides (patience LIS). */
    private static boolean[] longestIncreasing(int[] match) {
        int n = match.length;
        int[] tails = new int[n];
        int[] tailIdx = new int[n];
        int[] prev = new int[n];
        int len = 0;
        for (int i = 0; i < n; i++) {
            int v = match[i];
            if (v < 0) {
                continue;
            }
            int lo = 0;
            int hi = len;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (tails[mid] < v) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            tails[lo] = v;
            tailIdx[lo] = i;
            prev[i] = lo > 0 ? tailIdx[lo - 1] : -1;
            if (lo == len) {
                len++;
            }
        }
        boolean[] anchor = new boolean[n];
        for (int i = len > 0 ? tailIdx[len - 1] : -1; i >= 0; i = prev[i]) {
            anchor[i] = true;
        }
        return anchor;
    }

    /** Unpaired rules: changes when they share comment and target or a gap, else plain adds and removes. */
    private static void leftovers(List<Rule> a, List<Rule> b, int[] match, boolean[] taken, boolean[] anchor,
                                  List<RulesetDiff.RuleChange> out, Specs specsA, Specs specsB) {
        int n = a.size();
        int m = b.size();
        int[] gapA = new int[n];
        boolean[] anchorB = new boolean[m];
        int g = 0;
        for (int i = 0; i < n; i++) {
            if (anchor[i]) {
                g++;
                anchorB[match[i]] = true;
            }
            gapA[i] = g;
        }
        int[] gapB = new int[m];
        g = 0;
        for (int j = 0; j < m; j++) {
            if (anchorB[j]) {
                g++;
            }
            gapB[j] = g;
        }
        boolean[] doneA = new boolean[n];
        boolean[] doneB = new boolean[m];
        Map<String, ArrayDeque<Integer>> byIdentity = new HashMap<>();
        for (int j = 0; j < m; j++) {
            if (!taken[j]) {
                String id = identity(specsB.get(j));
                if (id != null) {
                    byIdentity.computeIfAbsent(id, k -> new ArrayDeque<>(1)).add(j);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (match[i] < 0) {
                String id = identity(specsA.get(i));
                ArrayDeque<Integer> q = id == null ? null : byIdentity.get(id);
                if (q != null && !q.isEmpty()) {
                    int j = q.poll();
                    changed(a, b, i, j, doneA, doneB, out);
                }
            }
        }
        Map<Integer, ArrayDeque<Integer>> byGap = new HashMap<>();
        for (int j = 0; j < m; j++) {
            if (!taken[j] && !doneB[j]) {
                byGap.computeIfAbsent(gapB[j], k -> new ArrayDeque<>(1)).add(j);
            }
        }
        for (int i = 0; i < n; i++) {
            if (match[i] < 0 && !doneA[i]) {
                ArrayDeque<Integer> q = byGap.get(gapA[i]);
                if (q != null && !q.isEmpty()) {
                    changed(a, b, i, q.poll(), doneA, doneB, out);
                } else {
                    out.add(new RulesetDiff.RuleChange(RulesetDiff.RuleChange.Kind.REMOVED,
                            RuleRef.of(a.get(i), i), null));
                }
            }
        }
        for (int j = 0; j < m; j++) {
            if (!taken[j] && !doneB[j]) {
                out.add(new RulesetDiff.RuleChange(RulesetDiff.RuleChange.Kind.ADDED, null,
                        RuleRef.of(b.get(j), j)));
            }
        }
    }

    private static void changed(List<Rule> a, List<Rule> b, int i, int j, boolean[] doneA, boolean[] doneB,
                                List<RulesetDiff.RuleChange> out) {
        doneA[i] = true;
        doneB[j] = true;
        out.add(new RulesetDiff.RuleChange(RulesetDiff.RuleChange.Kind.CHANGED, RuleRef.of(a.get(i), i),
                RuleRef.of(b.get(j), j)));
    }

    /** Comment plus target: what kube-proxy and most tools keep stable while the rest of a rule changes. */
    private static String identity(RuleSpec s) {
        String comment = s.comment();
        if (comment == null) {
            return null;
        }
        return comment + '\u0000' + (s.target() == null ? "" : s.target().name());
    }
}
