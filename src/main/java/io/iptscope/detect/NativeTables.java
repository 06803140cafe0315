package io.iptscope.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iptscope.discover.BinaryInventory;
import io.iptscope.exec.CommandResult;
import io.iptscope.exec.CommandRunner;
import io.iptscope.exec.NetnsTarget;
import io.iptscope.iptables.Endpoint;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the content of every native nft table ({@code nft -j list table F N}, read-only): its chains, rule counts,
 * comments, sets and whether a base chain ends in a catch-all drop or reject. iptables tools never show these
 * tables, yet their base chains sit on the same hooks.
 */
public final class NativeTables {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Statements that do not match anything: a rule of only these plus a verdict matches every packet. */
    static final Set<String> NON_MATCHING = Set.of("counter", "log", "limit", "quota", "meta-set");

    private NativeTables() {
    }

    public static Evidence read(CommandRunner runner, NetnsTarget target, BinaryInventory readers, Duration timeout,
                                Evidence evidence) {
        NftTablesEvidence nft = evidence.nftTables();
        Endpoint endpoint = new Endpoint(runner, target, readers, timeout);
        if (nft.status() != ReadStatus.OK || endpoint.nft().isEmpty() || nft.nativeTables().isEmpty()) {
            return evidence;
        }
        List<NftTablesEvidence.NftTable> natives = nft.nativeTables();
        List<CommandResult> results = endpoint.runAll(natives.stream()
                .map(t -> endpoint.nftListTable(t.family(), t.name())).toList());
        Map<String, NftTablesEvidence.NftTableContent> content = new LinkedHashMap<>();
        for (int i = 0; i < natives.size(); i++) {
            content.put(natives.get(i).qualifiedName(), parse(results.get(i)));
        }
        List<NftTablesEvidence.NftTable> tables = nft.tables().stream()
                .map(t -> content.containsKey(t.qualifiedName()) ? t.withContent(content.get(t.qualifiedName())) : t)
                .toList();
        return new Evidence(evidence.families(), new NftTablesEvidence(nft.status(), nft.detail(), tables),
                evidence.ipv6Disabled());
    }

    static NftTablesEvidence.NftTableContent parse(CommandResult r) {
        if (!r.ok()) {
            return new NftTablesEvidence.NftTableContent(EvidenceCollector.failureStatus(r), r.summary(), null,
                    List.of(), 0);
        }
        try {
            return parse(JSON.readTree(r.stdout()));
        } catch (IOException e) {
            return new NftTablesEvidence.NftTableContent(ReadStatus.FAILED, "nft printed JSON that does not parse: "
                    + e.getMessage(), null, List.of(), 0);
        }
    }

    static NftTablesEvidence.NftTableContent parse(JsonNode root) {
        String comment = null;
        int sets = 0;
        Map<String, JsonNode> chains = new LinkedHashMap<>();
        Map<String, List<JsonNode>> rules = new LinkedHashMap<>();
        for (JsonNode item : root.path("nftables")) {
            if (item.has("table")) {
                comment = item.path("table").path("comment").asText(null);
            } else if (item.has("chain")) {
                JsonNode c = item.path("chain");
                chains.put(c.path("name").asText(), c);
            } else if (item.has("rule")) {
                JsonNode rule = item.path("rule");
                rules.computeIfAbsent(rule.path("chain").asText(), k -> new ArrayList<>()).add(rule);
            } else if (item.has("set") || item.has("map")) {
                sets++;
            }
        }
        List<NftTablesEvidence.NftChain> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : chains.entrySet()) {
            JsonNode c = e.getValue();
            List<JsonNode> rs = rules.getOrDefault(e.getKey(), List.of());
            List<String> comments = new ArrayList<>();
            if (c.hasNonNull("comment")) {
                comments.add(c.path("comment").asText());
            }
            boolean accepts = false;
            for (JsonNode r : rs) {
                if (r.hasNonNull("comment")) {
                    comments.add(r.path("comment").asText());
                }
                accepts |= verdict(r).equals("accept");
            }
            String endsWith = rs.isEmpty() ? null : catchAll(rs.get(rs.size() - 1));
            boolean base = c.has("hook");
            String policy = base ? c.path("policy").asText("accept") : null;
            // Only a chain that blocks needs to show which interfaces it still lets through.
            List<InterfaceVerdict> interfaces = base && (endsWith != null || "drop".equals(policy))
                    ? InterfacePaths.of(e.getKey(), policy, chains.keySet(), rules) : List.of();
            out.add(new NftTablesEvidence.NftChain(e.getKey(), base ? c.path("hook").asText() : null,
                    base ? c.path("prio").asInt() : null, policy, rs.size(), endsWith, comments, accepts, interfaces));
        }
        return new NftTablesEvidence.NftTableContent(ReadStatus.OK, null, comment, out, sets);
    }

    private static String verdict(JsonNode rule) {
        String v = "";
        for (JsonNode expr : rule.path("expr")) {
            for (String k : List.of("accept", "drop", "reject")) {
                if (expr.has(k)) {
                    v = k;
                }
            }
        }
        return v;
    }

    /** {@code drop}/{@code reject} when the rule matches every packet, else null. */
    static String catchAll(JsonNode rule) {
        String verdict = null;
        for (JsonNode expr : rule.path("expr")) {
            String key = expr.fieldNames().hasNext() ? expr.fieldNames().next() : "";
            if (key.equals("drop") || key.equals("reject")) {
                verdict = key;
            } else if (!NON_MATCHING.contains(key)) {
                return null;
            }
        }
        return verdict;
    }
}
