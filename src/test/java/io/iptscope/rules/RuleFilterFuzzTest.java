package io.iptscope.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The filter language against a naive filter: a query is generated together with a predicate written the
 * obvious way over {@link Rule#spec()} (regular expressions for globs, no index), and both must select the
 * same rules. Arbitrary text must compile to a filter or to an error at a position inside the query.
 */
class RuleFilterFuzzTest {

    /** A generated kube-proxy ruleset (with counters) and a real host's dump, in one index. */
    private static final Ruleset RULES = SaveParser.parse(KubeRulesetGenerator.generate(150, 3, Family.IPV4).text()
            + RealDumps.resource("saved-legacy-v4-c.txt"), "oracle").ruleset();
    private static final RuleIndex INDEX = RuleIndex.of(RULES);
    private static final List<Rule> ALL = new ArrayList<>();
    private static final Map<Rule, String> TABLE_OF = new IdentityHashMap<>();
    private static final List<String> CHAINS;
    private static final List<String> TARGETS;
    private static final List<String> MODULES;
    private static final List<String> WORDS;

    static {
        TreeSet<String> chains = new TreeSet<>();
        TreeSet<String> targets = new TreeSet<>();
        TreeSet<String> modules = new TreeSet<>();
        TreeSet<String> words = new TreeSet<>();
        List<Rule> walked = new ArrayList<>();
        for (Table t : RULES.tables()) {
            for (Chain ch : t.chains()) {
                for (Rule r : ch.rules()) {
                    walked.add(r);
                    TABLE_OF.put(r, t.name());
                }
            }
        }
        for (Rule r : walked) {
            ALL.add(r);
            chains.add(r.chain());
            if (r.spec().target() != null) {
                targets.add(r.spec().target().name());
            }
            r.spec().matches().forEach(m -> modules.add(m.module()));
            for (String w : r.body().split("[^a-z0-9-]+")) {
                if (w.length() >= 2 && !w.equals("or") && !w.equals("and") && !w.startsWith("hits")) {
                    words.add(w);
                }
            }
        }
        CHAINS = List.copyOf(chains);
        TARGETS = List.copyOf(targets);
        MODULES = List.copyOf(modules);
        WORDS = List.copyOf(words);
    }

    /** A query and the naive predicate that says which rules it means. */
    private record Query(String text, Predicate<Rule> naive) {
    }

    /** Draws choices from the fuzzer's bytes or from a seeded random, so one generator serves both. */
    private interface Choices {
        int pick(int bound);
    }

    @FuzzTest
    void generatedQueriesSelectWhatANaiveFilterSelects(FuzzedDataProvider data) {
        checkAgainstNaive(generate(bound -> data.remainingBytes() == 0 ? 0 : data.consumeInt(0, bound - 1), 3));
    }

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void seededQueriesSelectWhatANaiveFilterSelects(long seed) {
        Random rnd = new Random(seed);
        checkAgainstNaive(generate(rnd::nextInt, 3));
    }

    /** Any text compiles to a filter that evaluates, or to an error inside the query. */
    @FuzzTest
    void anyTextCompiles(FuzzedDataProvider data) {
        String query = data.consumeRemainingAsString();
        RuleFilter.Compiled c = RuleFilter.compile(query);
        if (c instanceof RuleFilter.Compiled.Ok ok) {
            BitSet hits = ok.filter().matches(INDEX);
            assertTrue(hits.length() <= INDEX.size());
        } else {
            RuleFilter.Compiled.Error e = (RuleFilter.Compiled.Error) c;
            assertTrue(e.position() >= 0 && e.position() <= query.length(), e.toString());
        }
    }

    private static void checkAgainstNaive(Query q) {
        RuleFilter.Compiled c = RuleFilter.compile(q.text());
        RuleFilter.Compiled.Ok ok = assertInstanceOf(RuleFilter.Compiled.Ok.class, c, () -> q.text() + ": " + c);
        BitSet got = ok.filter().matches(INDEX);
        BitSet want = new BitSet();
        for (int i = 0; i < ALL.size(); i++) {
            if (q.naive().test(ALL.get(i))) {
                want.set(i);
            }
        }
        assertEquals(want, got, q.text());
    }

    private static Query generate(Choices c, int depth) {
        int kind = c.pick(depth > 0 ? 5 : 2);
        return switch (kind) {
            case 0, 1 -> term(c);
            case 2 -> {
                Query a = generate(c, depth - 1);
                Query b = generate(c, depth - 1);
                yield new Query("(" + a.text() + ") (" + b.text() + ")", a.naive().and(b.naive()));
            }
            case 3 -> {
                Query a = generate(c, depth - 1);
                Query b = generate(c, depth - 1);
                yield new Query("(" + a.text() + ") or (" + b.text() + ")", a.naive().or(b.naive()));
            }
            default -> {
                Query a = generate(c, depth - 1);
                yield new Query("!(" + a.text() + ")", a.naive().negate());
            }
        };
    }

    private static Query term(Choices c) {
        switch (c.pick(7)) {
            case 0 -> {
                String v = globbed(c, pick(c, CHAINS));
                return new Query("chain:" + quoted(v), r -> glob(v, r.chain()));
            }
            case 1 -> {
                String v = globbed(c, pick(c, List.of("filter", "nat", "mangle", "raw")));
                return new Query("table:" + v, r -> glob(v, tableOf(r)));
            }
            case 2 -> {
                String v = globbed(c, pick(c, TARGETS));
                return new Query("target:" + quoted(v), r -> r.spec().target() != null && glob(v, r.spec().target().name()));
            }
            case 3 -> {
                String v = globbed(c, pick(c, MODULES));
                return new Query("module:" + quoted(v),
                        r -> r.spec().matches().stream().anyMatch(m -> glob(v, m.module())));
            }
            case 4 -> {
                String v = pick(c, WORDS);
                return new Query("comment:" + quoted(v), r -> r.spec().comment() != null
                        && r.spec().comment().toLowerCase(Locale.ROOT).contains(v.toLowerCase(Locale.ROOT)));
            }
            case 5 -> {
                String op = pick(c, List.of(">", ">=", "<", "<=", "="));
                long n = pick(c, List.of(0L, 1L, 2L, 7L, 100L, 1000L));
                return new Query("hits" + op + n, r -> r.counters() != null && compare(r.counters().packets(), op, n));
            }
            default -> {
                String v = pick(c, WORDS);
                return new Query(v, r -> r.raw().toLowerCase(Locale.ROOT).contains(v));
            }
        }
    }

    private static <T> T pick(Choices c, List<T> from) {
        return from.get(c.pick(from.size()));
    }

    /** Sometimes replaces a character by {@code ?} or cuts the value short with {@code *}. */
    private static String globbed(Choices c, String v) {
        if (v.isEmpty()) {
            return "*";
        }
        int at = c.pick(v.length());
        return switch (c.pick(4)) {
            case 0 -> v.substring(0, at) + "?" + v.substring(at + 1);
            case 1 -> v.substring(0, at) + "*";
            case 2 -> "*" + v.substring(at);
            default -> v;
        };
    }

    private static String quoted(String v) {
        return v.matches("[A-Za-z0-9_*?.+-]+") ? v : "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The naive glob: a regular expression, the whole value, ASCII case ignored. */
    private static boolean glob(String pattern, String value) {
        if (value == null) {
            return false;
        }
        StringBuilder re = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            re.append(ch == '*' ? ".*" : ch == '?' ? "." : Pattern.quote(String.valueOf(ch)));
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL).matcher(value).matches();
    }

    private static String tableOf(Rule r) {
        return TABLE_OF.get(r);
    }

    private static boolean compare(long packets, String op, long n) {
        int cmp = Long.compareUnsigned(packets, n);
        return switch (op) {
            case ">" -> cmp > 0;
            case ">=" -> cmp >= 0;
            case "<" -> cmp < 0;
            case "<=" -> cmp <= 0;
            default -> cmp == 0;
        };
    }
}
