package io.iptscope.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One native nftables table as {@code nft -j list table FAMILY NAME} prints it: its chains (base chains with
 * hook, priority and policy) and their rules, each rule's expressions rendered as readable nft text. Read only;
 * an expression this reader does not know is shown as its JSON, never dropped.
 */
public record NftTableListing(String family, String name, List<NftChain> chains) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Meta keys nft prints without the {@code meta} keyword. */
    private static final Set<String> BARE_META = Set.of("iifname", "oifname", "iif", "oif", "skuid",
            "skgid");
    private static final Set<String> VERDICTS = Set.of("accept", "drop", "return", "continue", "queue");

    public NftTableListing {
        chains = List.copyOf(chains);
    }

    /**
     * @param hook     null for a regular chain; then type, priority and policy are null too
     */
    public record NftChain(String name, String type, String hook, Integer priority, String policy,
                           List<NftRule> rules) {
        public NftChain {
            rules = List.copyOf(rules);
        }

        /** {@code chain input  # type filter hook input priority 0; policy drop}. */
        public String heading() {
            return "chain " + name + (hook == null ? "" : "  # type " + type + " hook " + hook + " priority "
                    + priority + "; policy " + policy);
        }
    }

    /** @param text the expressions in nft syntax, e.g. {@code tcp dport 22 counter packets 0 bytes 0 accept} */
    public record NftRule(long handle, String text, String comment) {
    }

    public int ruleCount() {
        return chains.stream().mapToInt(c -> c.rules().size()).sum();
    }

    /** Reads the JSON; a document that is not nft's listing is an {@link IOException} naming what is wrong. */
    public static NftTableListing parse(String json) throws IOException {
        JsonNode root = JSON.readTree(json);
        JsonNode items = root == null ? null : root.get("nftables");
        if (items == null || !items.isArray()) {
            throw new IOException("not an nft -j listing: no \"nftables\" array");
        }
        String family = null;
        String name = null;
        Map<String, JsonNode> chainNodes = new LinkedHashMap<>();
        Map<String, List<NftRule>> rules = new LinkedHashMap<>();
        for (JsonNode item : items) {
            if (item.has("table")) {
                family = item.get("table").path("family").asText();
                name = item.get("table").path("name").asText();
            } else if (item.has("chain")) {
                JsonNode c = item.get("chain");
                chainNodes.put(c.path("name").asText(), c);
                rules.putIfAbsent(c.path("name").asText(), new ArrayList<>());
            } else if (item.has("rule")) {
                JsonNode r = item.get("rule");
                rules.computeIfAbsent(r.path("chain").asText(), k -> new ArrayList<>()).add(new NftRule(
                        r.path("handle").asLong(), render(r.path("expr")), r.hasNonNull("comment")
                        ? r.get("comment").asText() : null));
            }
        }
        if (name == null) {
            throw new IOException("not an nft -j listing of a table: no \"table\" object");
        }
        List<NftChain> chains = new ArrayList<>();
        for (Map.Entry<String, List<NftRule>> e : rules.entrySet()) {
            JsonNode c = chainNodes.get(e.getKey());
            boolean base = c != null && c.hasNonNull("hook");
            chains.add(new NftChain(e.getKey(), base ? c.path("type").asText() : null,
                    base ? c.get("hook").asText() : null, base ? c.path("prio").asInt() : null,
                    base ? c.path("policy").asText("accept") : null, e.getValue()));
        }
        return new NftTableListing(family, name, chains);
    }

    /** The whole table in nft's own layout, one string per line, with each rule's handle. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("table " + family + " " + name + " {");
        for (NftChain c : chains) {
            out.add("  " + c.heading());
            for (NftRule r : c.rules()) {
                out.add("    " + r.text() + (r.comment() == null ? "" : " comment \"" + r.comment() + "\"")
                        + "  # handle " + r.handle());
            }
        }
        out.add("}");
        return out;
    }

    static String render(JsonNode exprs) {
        List<String> parts = new ArrayList<>();
        for (JsonNode e : exprs) {
            parts.add(expression(e));
        }
        return String.join(" ", parts);
    }

    private static String expression(JsonNode e) {
        Iterator<Map.Entry<String, JsonNode>> it = e.fields();
        if (!it.hasNext()) {
            return e.toString();
        }
        Map.Entry<String, JsonNode> f = it.next();
        String key = f.getKey();
        JsonNode v = f.getValue();
        if (VERDICTS.contains(key)) {
            return key;
        }
        return switch (key) {
            case "match" -> {
                String op = v.path("op").asText("==");
                String left = value(v.get("left"));
                String right = value(v.get("right"));
                yield op.equals("==") || op.equals("in") ? left + " " + right : left + " " + op + " " + right;
            }
            case "jump", "goto" -> key + " " + v.path("target").asText();
            case "counter" -> v.isObject() ? "counter packets " + v.path("packets").asLong() + " bytes "
                    + v.path("bytes").asLong() : "counter";
            case "log" -> "log" + (v.hasNonNull("prefix") ? " prefix \"" + v.get("prefix").asText() + "\"" : "");
            case "reject" -> "reject" + (v.hasNonNull("expr") ? " with " + v.path("type").asText("") + " "
                    + v.get("expr").asText() : "");
            case "snat", "dnat" -> key + " to " + value(v.get("addr"))
                    + (v.hasNonNull("port") ? ":" + value(v.get("port")) : "");
            case "masquerade", "redirect" -> key + (v != null && v.hasNonNull("port") ? " to :" + value(v.get("port"))
                    : "");
            case "limit" -> "limit rate " + v.path("rate").asText() + "/" + v.path("per").asText();
            case "mangle" -> value(v.get("key")) + " set " + value(v.get("value"));
            case "xt" -> "xt " + v.path("type").asText() + " " + v.path("name").asText();
            case "notrack" -> "notrack";
            default -> e.toString();
        };
    }

    /** A left or right hand side: payload, meta, ct, sets, prefixes, ranges, plain values. */
    private static String value(JsonNode v) {
        if (v == null || v.isNull()) {
            return "";
        }
        if (v.isTextual() || v.isNumber() || v.isBoolean()) {
            return v.asText();
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(x -> parts.add(value(x)));
            return String.join(",", parts);
        }
        Iterator<Map.Entry<String, JsonNode>> it = v.fields();
        if (!it.hasNext()) {
            return v.toString();
        }
        Map.Entry<String, JsonNode> f = it.next();
        JsonNode x = f.getValue();
        return switch (f.getKey()) {
            case "payload" -> x.has("protocol") ? x.get("protocol").asText() + " " + x.path("field").asText()
                    : "@" + x.path("base").asText() + "," + x.path("offset").asText() + "," + x.path("len").asText();
            case "meta" -> (BARE_META.contains(x.path("key").asText()) ? "" : "meta ") + x.path("key").asText();
            case "ct" -> "ct " + (x.hasNonNull("dir") ? x.get("dir").asText() + " " : "") + x.path("key").asText();
            case "set" -> {
                List<String> parts = new ArrayList<>();
                x.forEach(y -> parts.add(value(y)));
                yield "{ " + String.join(", ", parts) + " }";
            }
            case "prefix" -> value(x.get("addr")) + "/" + x.path("len").asText();
            case "range" -> value(x.get(0)) + "-" + value(x.get(1));
            case "fib" -> "fib " + value(x.get("flags")) + " " + x.path("result").asText();
            case "&", "|", "^" -> value(x.get(0)) + " " + f.getKey() + " " + value(x.get(1));
            default -> v.toString();
        };
    }
}
