package io.iptscope.detect;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows a native base chain, through its jumps and gotos, for the traffic of one interface that nothing else
 * singles out: a rule decides only when all its matches are interface matches that hold for that interface. A rule
 * that also matches anything else ({@code ct state established}, an address) may not apply and is passed over, so
 * what is found is the verdict of everything else from or to that interface.
 */
final class InterfacePaths {

    /** nft forbids loops; a deeper chain of jumps than this is not followed. */
    private static final int MAX_DEPTH = 16;
    private static final Set<String> VERDICTS = Set.of("accept", "drop", "reject", "jump", "goto", "return",
            "continue", "queue");

    /**
     * How one rule's matches fare for the interface, weakest last: {@code UNSURE} when they test it in a way not
     * read here, {@code MAYBE} when they also test something else.
     */
    private enum Fit { TRUE, UNSURE, MAYBE, FALSE }

    /** Where a walk ended: a verdict, or {@code returns} when it fell off a chain or met {@code return}. */
    private record End(InterfaceVerdict.Outcome verdict, String chain) {
        static final End RETURNS = new End(null, null);

        boolean returns() {
            return verdict == null;
        }
    }

    private record Rule(Fit fit, JsonNode verdict) {
    }

    private final Set<String> chains;
    private final Map<String, List<JsonNode>> rules;

    private InterfacePaths(Set<String> chains, Map<String, List<JsonNode>> rules) {
        this.chains = chains;
        this.rules = rules;
    }

    /**
     * For each interface the table's rules name (in either direction), and for any other (a null name), in each
     * direction: the base chain's verdict on its traffic.
     *
     * @param chains every chain of the table, also those without rules
     * @param rules  the rules of each chain that has any, in order
     */
    static List<InterfaceVerdict> of(String baseChain, String policy, Set<String> chains,
                                     Map<String, List<JsonNode>> rules) {
        InterfacePaths paths = new InterfacePaths(chains, rules);
        List<InterfaceVerdict> out = new ArrayList<>();
        Set<String> named = named(rules);
        for (InterfaceVerdict.Direction d : InterfaceVerdict.Direction.values()) {
            List<String> names = new ArrayList<>(named);
            // No interface is named "": it stands for every interface no rule names.
            names.add("");
            for (String name : names) {
                End e = paths.walk(baseChain, d, name, new ArrayDeque<>(), new HashMap<>());
                String shown = name.isEmpty() ? null : name;
                out.add(e.returns()
                        ? new InterfaceVerdict(d, shown, "drop".equals(policy) ? InterfaceVerdict.Outcome.DROP
                        : InterfaceVerdict.Outcome.ACCEPT, baseChain)
                        : new InterfaceVerdict(d, shown, e.verdict(), e.chain()));
            }
        }
        return out;
    }

    /** The interface names of the table's matches and verdict maps. */
    private static Set<String> named(Map<String, List<JsonNode>> rules) {
        Set<String> names = new LinkedHashSet<>();
        for (List<JsonNode> rs : rules.values()) {
            for (JsonNode r : rs) {
                for (JsonNode expr : r.path("expr")) {
                    if (direction(expr.path("match").path("left")) != null) {
                        JsonNode right = expr.path("match").path("right");
                        names(right.path("set").isArray() ? right.path("set") : List.of(right), names);
                    } else if (direction(expr.path("vmap").path("key")) != null) {
                        for (JsonNode entry : expr.path("vmap").path("data").path("set")) {
                            names(List.of(entry.path(0)), names);
                        }
                    }
                }
            }
        }
        return names;
    }

    private static void names(Iterable<JsonNode> values, Set<String> out) {
        for (JsonNode v : values) {
            if (v.isTextual() && !v.asText().startsWith("@")) {
                out.add(v.asText());
            }
        }
    }

    private static InterfaceVerdict.Direction direction(JsonNode left) {
        return switch (left.path("meta").path("key").asText("")) {
            case "iifname", "iif" -> InterfaceVerdict.Direction.IIFNAME;
            case "oifname", "oif" -> InterfaceVerdict.Direction.OIFNAME;
            default -> null;
        };
    }

    /** @param done the ends of the chains walked already for this interface: many rules may jump to one chain */
    private End walk(String chain, InterfaceVerdict.Direction d, String name, Deque<String> stack,
                     Map<String, End> done) {
        if (!chains.contains(chain) || stack.size() >= MAX_DEPTH || stack.contains(chain)) {
            return new End(InterfaceVerdict.Outcome.UNKNOWN, chain);
        }
        End known = done.get(chain);
        if (known != null) {
            return known;
        }
        End e = walkRules(chain, d, name, stack, done);
        done.put(chain, e);
        return e;
    }

    private End walkRules(String chain, InterfaceVerdict.Direction d, String name, Deque<String> stack,
                          Map<String, End> done) {
        stack.push(chain);
        try {
            boolean unsure = false;
            for (JsonNode r : rules.getOrDefault(chain, List.of())) {
                Rule rule = rule(r, d, name);
                if (rule.verdict() == null || rule.fit() == Fit.FALSE) {
                    continue;
                }
                String v = rule.verdict().fieldNames().next();
                if (rule.fit() == Fit.UNSURE) {
                    unsure |= !(v.equals("drop") || v.equals("reject") || v.equals("continue"));
                }
                if (rule.fit() != Fit.TRUE) {
                    continue;
                }
                End e = switch (v) {
                    case "accept" -> new End(InterfaceVerdict.Outcome.ACCEPT, chain);
                    case "drop" -> new End(InterfaceVerdict.Outcome.DROP, chain);
                    case "reject" -> new End(InterfaceVerdict.Outcome.REJECT, chain);
                    case "return" -> End.RETURNS;
                    case "continue" -> null;
                    case "jump" -> {
                        End sub = walk(rule.verdict().path("jump").path("target").asText(), d, name, stack, done);
                        yield sub.returns() ? null : sub;
                    }
                    case "goto" -> walk(rule.verdict().path("goto").path("target").asText(), d, name, stack, done);
                    default -> new End(InterfaceVerdict.Outcome.UNKNOWN, chain);
                };
                if (e != null) {
                    return unsure(e, unsure, chain);
                }
            }
            return unsure(End.RETURNS, unsure, chain);
        } finally {
            stack.pop();
        }
    }

    /** After a rule that might have accepted the interface in a way not read here, only an accept is certain. */
    private static End unsure(End e, boolean unsure, String chain) {
        return unsure && e.verdict() != InterfaceVerdict.Outcome.ACCEPT
                ? new End(InterfaceVerdict.Outcome.UNKNOWN, chain) : e;
    }

    private static Rule rule(JsonNode r, InterfaceVerdict.Direction d, String name) {
        Fit fit = Fit.TRUE;
        JsonNode verdict = null;
        for (JsonNode expr : r.path("expr")) {
            String key = expr.fieldNames().hasNext() ? expr.fieldNames().next() : "";
            Fit f = Fit.TRUE;
            if (VERDICTS.contains(key)) {
                verdict = expr;
            } else if (key.equals("match")) {
                f = match(expr.path("match"), d, name);
            } else if (key.equals("vmap") && direction(expr.path("vmap").path("key")) == d) {
                JsonNode data = expr.path("vmap").path("data");
                if (!data.path("set").isArray()) {
                    f = Fit.UNSURE;
                    verdict = expr.path("vmap");
                } else {
                    f = Fit.FALSE;
                    for (JsonNode entry : data.path("set")) {
                        if (fits(entry.path(0), name) == Fit.TRUE) {
                            f = Fit.TRUE;
                            verdict = entry.path(1);
                        }
                    }
                }
            } else if (!NativeTables.NON_MATCHING.contains(key)) {
                f = Fit.MAYBE;
            }
            fit = worse(fit, f);
        }
        return new Rule(fit, verdict);
    }

    private static Fit worse(Fit a, Fit b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    private static Fit match(JsonNode m, InterfaceVerdict.Direction d, String name) {
        if (direction(m.path("left")) != d) {
            return Fit.MAYBE;
        }
        String op = m.path("op").asText("");
        if (!(op.equals("==") || op.equals("in") || op.equals("!="))) {
            return Fit.UNSURE;
        }
        JsonNode right = m.path("right");
        boolean hit = false;
        boolean unsure = false;
        for (JsonNode v : right.path("set").isArray() ? right.path("set") : List.of(right)) {
            Fit f = fits(v, name);
            hit |= f == Fit.TRUE;
            unsure |= f == Fit.UNSURE;
        }
        Fit found = hit ? Fit.TRUE : unsure ? Fit.UNSURE : Fit.FALSE;
        if (!op.equals("!=") || found == Fit.UNSURE) {
            return found;
        }
        return found == Fit.TRUE ? Fit.FALSE : Fit.TRUE;
    }

    /**
     * Whether a rule's interface value holds for {@code name}: nft's {@code br-*} matches by prefix; a named set
     * ({@code @ifaces}) or a rule's name under the walked pattern cannot be told.
     */
    private static Fit fits(JsonNode value, String name) {
        if (!value.isTextual() || value.asText().startsWith("@")) {
            return Fit.UNSURE;
        }
        String v = value.asText();
        if (v.equals(name)) {
            return Fit.TRUE;
        }
        if (v.endsWith("*") && !v.endsWith("\\*") && name.startsWith(v.substring(0, v.length() - 1))) {
            return name.endsWith("*") ? Fit.UNSURE : Fit.TRUE;
        }
        if (name.endsWith("*") && v.startsWith(name.substring(0, name.length() - 1))) {
            return Fit.UNSURE;
        }
        return Fit.FALSE;
    }
}
