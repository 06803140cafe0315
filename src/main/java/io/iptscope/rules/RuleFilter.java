package io.iptscope.rules;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The filter language of the rule browser and {@code iptscope show --filter}.
 *
 * <pre>
 *   KUBE-SVC-* chain:KUBE-SERVICES target:DNAT src:10.244.0.0/16 dst:fd00::/8 proto:tcp iface:eth+
 *   comment:"cluster IP" module:statistic hits&gt;0 hits=0 !target:RETURN (chain:A or chain:B)
 * </pre>
 *
 * <ul>
 * <li>Terms next to each other must all hold; {@code or} between them means either; parentheses group;
 * {@code !} negates the term or group after it.</li>
 * <li>{@code field:value} with fields chain, table, target, src, dst, proto, iface (in or out), comment, module.
 * Values may be quoted ({@code "a b"}, {@code \"} inside) and may hold the globs {@code *} and {@code ?}. Without
 * a glob, comment matches a part of the comment and the other fields the whole value. Matching ignores case.</li>
 * <li>src and dst take an address or a CIDR and match rules whose own address or network overlaps it (IPv4 and
 * IPv6); rules without {@code -s}/{@code -d} do not match them.</li>
 * <li>{@code hits>N}, {@code hits>=N}, {@code hits<N}, {@code hits<=N}, {@code hits=N}: the packet counter of the
 * rule's {@code [p:b]} prefix; rules of dumps saved without {@code -c} have none and never match.</li>
 * <li>Anything else is free text, found anywhere in the rule line; it ignores case unless it has a capital
 * letter. Free text with {@code *} or {@code ?} is a glob over the line (always ignoring case).</li>
 * </ul>
 */
public final class RuleFilter {

    private static final Set<String> FIELDS = Set.of("chain", "table", "target", "src", "dst", "proto", "iface",
            "comment", "module");

    /** The outcome of {@link #compile}: a filter, or an error at a character position (0-based). */
    public sealed interface Compiled permits Compiled.Ok, Compiled.Error {

        record Ok(RuleFilter filter) implements Compiled {
        }

        record Error(int position, String message) implements Compiled {
            /** The message with a caret under the position, for a terminal. */
            public String pointAt(String query) {
                return query + "\n" + " ".repeat(Math.max(0, Math.min(position, query.length()))) + "^ " + message;
            }
        }
    }

    /** Deeper than any query a person writes; far below what the parser's and eval's stacks can take. */
    static final int MAX_GROUP_DEPTH = 100;

    private final String query;
    private final Node root;
    private final List<String> highlights;

    private RuleFilter(String query, Node root, List<String> highlights) {
        this.query = query;
        this.root = root;
        this.highlights = List.copyOf(highlights);
    }

    /** Never throws: every problem comes back as {@link Compiled.Error}. */
    public static Compiled compile(String query) {
        String q = query == null ? "" : query;
        try {
            Parser p = new Parser(q);
            Node root = p.parse();
            return new Compiled.Ok(new RuleFilter(q, root, p.highlights));
        } catch (FilterSyntaxException e) {
            return new Compiled.Error(e.position, e.getMessage());
        }
    }

    public String query() {
        return query;
    }

    /**
     * The text the query looks for, to mark in the rules it shows: the values of its terms that are not
     * negated, cut at the glob characters ({@code KUBE-SVC-*} gives {@code KUBE-SVC-}). Empty for a query
     * that only negates or compares counters.
     */
    public List<String> highlights() {
        return highlights;
    }

    /** The term {@code field:value} of this language, quoted when the value needs it (blanks, quotes, ')'). */
    public static String term(String field, String value) {
        return field + ":" + quoted(value);
    }

    /** Free text of this language: always quoted, so that it never reads as a field, keyword or operator. */
    public static String text(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** A field value: bare when it reads back as itself, else in quotes. */
    private static String quoted(String value) {
        boolean bare = !value.isEmpty() && value.charAt(0) != '!' && value.charAt(0) != '(';
        for (int i = 0; bare && i < value.length(); i++) {
            char c = value.charAt(i);
            bare = c != ' ' && c != '\t' && c != ')' && c != '"';
        }
        return bare ? value : text(value);
    }

    /** The indexes (see {@link RuleIndex#rule}) of the rules that match. */
    public BitSet matches(RuleIndex index) {
        BitSet all = new BitSet(index.size());
        all.set(0, index.size());
        return root.eval(index, all);
    }

    /** The matching rules, in table and chain order. */
    public List<Rule> select(RuleIndex index) {
        BitSet hits = matches(index);
        List<Rule> out = new ArrayList<>(hits.cardinality());
        for (int i = hits.nextSetBit(0); i >= 0; i = hits.nextSetBit(i + 1)) {
            out.add(index.rule(i));
        }
        return out;
    }

    @Override
    public String toString() {
        return query;
    }

    /**
     * A part of the query. {@code eval} returns the matching rules among {@code candidates} (never outside them),
     * so that each term of a conjunction only looks at the rules the terms before it left.
     */
    private interface Node {
        BitSet eval(RuleIndex idx, BitSet candidates);
    }

    private record And(List<Node> parts) implements Node {
        public BitSet eval(RuleIndex idx, BitSet candidates) {
            BitSet out = candidates;
            for (int i = 0; i < parts.size() && !out.isEmpty(); i++) {
                out = parts.get(i).eval(idx, out);
            }
            return out;
        }
    }

    private record Or(List<Node> parts) implements Node {
        public BitSet eval(RuleIndex idx, BitSet candidates) {
            BitSet out = new BitSet(idx.size());
            for (Node p : parts) {
                out.or(p.eval(idx, candidates));
            }
            return out;
        }
    }

    private record Not(Node inner) implements Node {
        public BitSet eval(RuleIndex idx, BitSet candidates) {
            BitSet out = (BitSet) candidates.clone();
            out.andNot(inner.eval(idx, candidates));
            return out;
        }
    }

    private record All() implements Node {
        public BitSet eval(RuleIndex idx, BitSet candidates) {
            return (BitSet) candidates.clone();
        }
    }

    /**
     * Text anywhere in the rule line. Without wildcards one pass of indexOf over the parsed text finds it; with
     * wildcards the longest plain piece finds the candidates and the glob (case-insensitive) decides.
     */
    private record FreeText(String text) implements Node {
        public BitSet eval(RuleIndex idx, BitSet candidates) {
            BitSet out = new BitSet(idx.size());
            if (!Glob.hasWildcard(text)) {
                boolean ignoreCase = text.equals(RuleIndex.asciiLower(text));
                idx.forEachContaining(text, ignoreCase, out::set);
                out.and(candidates);
                return out;
            }
            Glob glob = new Glob("*" + text + "*", false);
            String piece = longestPlainPiece(text);
            if (piece.isEmpty()) {
                for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
                    if (idx.lineMatches(i, glob)) {
                        out.set(i);
                    }
                }
            } else {
                idx.forEachContaining(piece, true, i -> {
                    if (candidates.get(i) && idx.lineMatches(i, glob)) {
                        out.set(i);
                    }
                });
            }
            return out;
        }

        private static String longestPlainPiece(String text) {
            String best = "";
            for (String piece : text.split("[*?]")) {
                if (piece.length() > best.length()) {
                    best = piece;
                }
            }
            return best;
        }
    }

    /** A per-rule test on the indexed fields. */
    private interface RuleTest {
        boolean test(RuleIndex idx, int i);
    }

    private record FieldTerm(RuleTest test) implements Node {
        public BitSet eval(RuleIndex idx, BitSet candidates) {
            BitSet out = new BitSet(idx.size());
            for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
                if (test.test(idx, i)) {
                    out.set(i);
                }
            }
            return out;
        }
    }

    /**
     * A test on dictionary fields: each distinct value met among the candidates is tested once (remembered as
     * 1 for yes, 2 for no), then rules only look up their value number.
     */
    private record ColumnTerm(List<RuleIndex.Field> fields, Predicate<String> test) implements Node {
        public BitSet eval(RuleIndex idx, BitSet candidates) {
            BitSet out = new BitSet(idx.size());
            for (RuleIndex.Field f : fields) {
                RuleIndex.Column col = idx.column(f);
                byte[] known = new byte[col.size()];
                for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
                    int id = col.id(i);
                    if (id < 0) {
                        continue;
                    }
                    if (known[id] == 0) {
                        known[id] = test.test(col.value(id)) ? (byte) 1 : (byte) 2;
                    }
                    if (known[id] == 1) {
                        out.set(i);
                    }
                }
            }
            return out;
        }
    }

    static final class FilterSyntaxException extends Exception {
        private static final long serialVersionUID = 1L;
        final int position;

        FilterSyntaxException(int position, String message) {
            super(message, null, false, false);
            this.position = position;
        }
    }

    /** Recursive descent over: or := and ("or" and)*; and := unary+; unary := "!" unary | "(" or ")" | term. */
    private static final class Parser {
        private final String q;
        private int pos;
        private int depth;
        /** How many enclosing groups or terms are negated: their values are not marked. */
        private int negatedScopes;
        private final List<String> highlights = new ArrayList<>();

        Parser(String q) {
            this.q = q;
        }

        Node parse() throws FilterSyntaxException {
            skipBlanks();
            if (pos == q.length()) {
                return new All();
            }
            Node n = or();
            skipBlanks();
            if (pos < q.length()) {
                throw new FilterSyntaxException(pos, "unexpected ')'");
            }
            return n;
        }

        private Node or() throws FilterSyntaxException {
            List<Node> parts = new ArrayList<>();
            parts.add(and());
            while (keyword("or")) {
                skipBlanks();
                if (atEndOfGroup()) {
                    throw new FilterSyntaxException(pos, "expected a term after 'or'");
                }
                parts.add(and());
            }
            return parts.size() == 1 ? parts.get(0) : new Or(parts);
        }

        private Node and() throws FilterSyntaxException {
            List<Node> parts = new ArrayList<>();
            skipBlanks();
            if (atEndOfGroup()) {
                throw new FilterSyntaxException(pos, pos < q.length() ? "empty group" : "expected a term");
            }
            while (true) {
                skipBlanks();
                if (atEndOfGroup() || lookingAtKeyword("or")) {
                    break;
                }
                keyword("and");
                skipBlanks();
                parts.add(unary());
            }
            if (parts.isEmpty()) {
                throw new FilterSyntaxException(pos, "expected a term before 'or'");
            }
            return parts.size() == 1 ? parts.get(0) : new And(parts);
        }

        /**
         * A run of {@code !} is counted, not recursed into (5,000 of them overflowed the stack), and groups nest
         * at most {@link #MAX_GROUP_DEPTH} deep, so that neither parsing nor evaluation can exhaust the stack.
         */
        private Node unary() throws FilterSyntaxException {
            skipBlanks();
            int negations = 0;
            while (pos < q.length() && q.charAt(pos) == '!') {
                pos++;
                negations++;
                skipBlanks();
                if (atEndOfGroup()) {
                    throw new FilterSyntaxException(pos, "expected a term after '!'");
                }
            }
            boolean negated = negations % 2 == 1;
            if (negated) {
                negatedScopes++;
            }
            Node inner;
            try {
                if (pos < q.length() && q.charAt(pos) == '(') {
                    int open = pos++;
                    if (++depth > MAX_GROUP_DEPTH) {
                        throw new FilterSyntaxException(open, "groups nested more than " + MAX_GROUP_DEPTH
                                + " deep");
                    }
                    inner = or();
                    depth--;
                    skipBlanks();
                    if (pos >= q.length() || q.charAt(pos) != ')') {
                        throw new FilterSyntaxException(open, "'(' is never closed");
                    }
                    pos++;
                } else {
                    inner = term();
                }
            } finally {
                if (negated) {
                    negatedScopes--;
                }
            }
            return negated ? new Not(inner) : inner;
        }

        private Node term() throws FilterSyntaxException {
            int start = pos;
            if (q.startsWith("hits", pos) && pos + 4 < q.length() && "<>=".indexOf(q.charAt(pos + 4)) >= 0) {
                return hits();
            }
            int colon = -1;
            int p = pos;
            while (p < q.length() && Character.isLetter(q.charAt(p))) {
                p++;
            }
            if (p > pos && p < q.length() && q.charAt(p) == ':') {
                colon = p;
            }
            if (colon < 0) {
                return new FreeText(highlight(value(start)));
            }
            String field = q.substring(pos, colon).toLowerCase(Locale.ROOT);
            if (!FIELDS.contains(field)) {
                throw new FilterSyntaxException(start, "unknown field '" + field
                        + "' (chain, table, target, src, dst, proto, iface, comment, module, hits)");
            }
            pos = colon + 1;
            int valueAt = pos;
            if (pos >= q.length() || q.charAt(pos) == ' ' || q.charAt(pos) == ')') {
                throw new FilterSyntaxException(valueAt, "'" + field + ":' needs a value");
            }
            String value = highlight(value(valueAt));
            return field(field, value, valueAt);
        }

        /** Remembers the plain pieces of a value that is looked for (not negated). */
        private String highlight(String value) {
            if (negatedScopes == 0) {
                for (String piece : value.split("[*?]")) {
                    if (!piece.isEmpty()) {
                        highlights.add(piece);
                    }
                }
            }
            return value;
        }

        private Node field(String field, String value, int at) throws FilterSyntaxException {
            Glob g = new Glob(value, field.equals("comment"));
            return switch (field) {
                case "chain" -> new ColumnTerm(List.of(RuleIndex.Field.CHAIN), g::matches);
                case "table" -> new ColumnTerm(List.of(RuleIndex.Field.TABLE), g::matches);
                case "target" -> new ColumnTerm(List.of(RuleIndex.Field.TARGET), g::matches);
                case "proto" -> {
                    Glob p = new Glob(RuleIndex.protocolName(value), false);
                    yield new ColumnTerm(List.of(RuleIndex.Field.PROTO), p::matches);
                }
                case "iface" -> new ColumnTerm(List.of(RuleIndex.Field.IN_IFACE, RuleIndex.Field.OUT_IFACE),
                        iface -> iface(g, value, iface));
                case "comment" -> new FieldTerm((idx, i) -> idx.textMatches(RuleIndex.COMMENT, i, g));
                case "module" -> new FieldTerm((idx, i) -> {
                    for (String m : idx.modules(i)) {
                        if (g.matches(m)) {
                            return true;
                        }
                    }
                    return false;
                });
                case "src", "dst" -> new FieldTerm(address(field.equals("src"), value, g, at));
                default -> throw new FilterSyntaxException(at, "unknown field '" + field + "'");
            };
        }

        /** iptables' {@code eth+} matches every name starting with {@code eth}. */
        private static boolean iface(Glob g, String value, String ruleIface) {
            if (ruleIface == null) {
                return false;
            }
            if (g.matches(ruleIface)) {
                return true;
            }
            return ruleIface.endsWith("+") && value.regionMatches(true, 0, ruleIface, 0, ruleIface.length() - 1);
        }

        private static RuleTest address(boolean source, String value, Glob g, int at) throws FilterSyntaxException {
            int column = source ? RuleIndex.SRC : RuleIndex.DST;
            if (Glob.hasWildcard(value)) {
                return (idx, i) -> idx.textMatches(column, i, g);
            }
            Cidr want = Cidr.parse(value);
            if (want == null) {
                throw new FilterSyntaxException(at, "'" + value + "' is not an address or CIDR (10.0.0.0/8, fd00::/8)"
                        + " nor a glob");
            }
            return (idx, i) -> idx.overlaps(column, i, want);
        }

        private Node hits() throws FilterSyntaxException {
            pos += 4;
            int opAt = pos;
            String op = q.startsWith(">=", pos) || q.startsWith("<=", pos) ? q.substring(pos, pos + 2)
                    : q.substring(pos, pos + 1);
            pos += op.length();
            int numAt = pos;
            while (pos < q.length() && Character.isDigit(q.charAt(pos))) {
                pos++;
            }
            if (numAt == pos || pos - numAt > 18) {
                throw new FilterSyntaxException(numAt, "hits" + op + " needs a number");
            }
            if (pos < q.length() && q.charAt(pos) != ' ' && q.charAt(pos) != ')') {
                throw new FilterSyntaxException(pos, "unexpected '" + q.charAt(pos) + "' after the number");
            }
            long n = Long.parseLong(q.substring(numAt, pos));
            RuleTest t = switch (op) {
                case ">" -> (idx, i) -> idx.counted(i) && Long.compareUnsigned(idx.packets(i), n) > 0;
                case ">=" -> (idx, i) -> idx.counted(i) && Long.compareUnsigned(idx.packets(i), n) >= 0;
                case "<" -> (idx, i) -> idx.counted(i) && Long.compareUnsigned(idx.packets(i), n) < 0;
                case "<=" -> (idx, i) -> idx.counted(i) && Long.compareUnsigned(idx.packets(i), n) <= 0;
                case "=" -> (idx, i) -> idx.counted(i) && idx.packets(i) == n;
                default -> throw new FilterSyntaxException(opAt, "unknown comparison '" + op + "'");
            };
            return new FieldTerm(t);
        }

        /** A bare word (up to a blank or ')') or a quoted string; quotes may also open mid-word. */
        private String value(int start) throws FilterSyntaxException {
            StringBuilder sb = new StringBuilder();
            while (pos < q.length()) {
                char c = q.charAt(pos);
                if (c == ' ' || c == '\t' || c == ')') {
                    break;
                }
                if (c == '"') {
                    int open = pos++;
                    boolean closed = false;
                    while (pos < q.length()) {
                        char d = q.charAt(pos++);
                        if (d == '\\' && pos < q.length()) {
                            sb.append(q.charAt(pos++));
                        } else if (d == '"') {
                            closed = true;
                            break;
                        } else {
                            sb.append(d);
                        }
                    }
                    if (!closed) {
                        throw new FilterSyntaxException(open, "unterminated quote");
                    }
                    continue;
                }
                sb.append(c);
                pos++;
            }
            if (sb.length() == 0) {
                throw new FilterSyntaxException(start, "empty value");
            }
            return sb.toString();
        }

        private boolean atEndOfGroup() {
            return pos >= q.length() || q.charAt(pos) == ')';
        }

        private boolean lookingAtKeyword(String k) {
            int end = pos + k.length();
            return q.regionMatches(true, pos, k, 0, k.length())
                    && (end == q.length() || q.charAt(end) == ' ' || q.charAt(end) == '(' || q.charAt(end) == '!');
        }

        private boolean keyword(String k) {
            skipBlanks();
            if (lookingAtKeyword(k)) {
                pos += k.length();
                return true;
            }
            return false;
        }

        private void skipBlanks() {
            while (pos < q.length() && (q.charAt(pos) == ' ' || q.charAt(pos) == '\t')) {
                pos++;
            }
        }
    }

    /** Case-insensitive glob with {@code *} and {@code ?}; a plain value matches exactly, or as a part if asked. */
    static final class Glob {
        private final String pattern;

        Glob(String value, boolean partial) {
            String lower = RuleIndex.asciiLower(value);
            this.pattern = partial && !hasWildcard(value) ? "*" + lower + "*" : lower;
        }

        static boolean hasWildcard(String s) {
            return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
        }

        boolean matches(String s) {
            return s != null && matches(s, 0, s.length());
        }

        /** Matches {@code s[from, to)}. */
        boolean matches(String s, int from, int to) {
            int p = 0;
            int t = from;
            int star = -1;
            int mark = 0;
            int pn = pattern.length();
            int tn = to;
            while (t < tn) {
                char tc = s.charAt(t);
                if (tc >= 'A' && tc <= 'Z') {
                    tc = (char) (tc + 32);
                }
                if (p < pn && (pattern.charAt(p) == '?' || pattern.charAt(p) == tc)) {
                    p++;
                    t++;
                } else if (p < pn && pattern.charAt(p) == '*') {
                    star = p++;
                    mark = t;
                } else if (star >= 0) {
                    p = star + 1;
                    t = ++mark;
                } else {
                    return false;
                }
            }
            while (p < pn && pattern.charAt(p) == '*') {
                p++;
            }
            return p == pn;
        }
    }
}
