package io.iptscope.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class RulesetDifferTest {

    private static Ruleset rs(String text) {
        ParseResult r = SaveParser.parse(text, "t");
        assertTrue(r.ok(), () -> r.errors().toString());
        return r.ruleset();
    }

    private static RulesetDiff diff(String a, String b) {
        return RulesetDiffer.diff(rs(a), rs(b), "a", "b", false);
    }

    private static final String BASE = """
            *filter
            :INPUT ACCEPT [0:0]
            :KUBE-A - [0:0]
            :KUBE-OLD - [0:0]
            -A INPUT -j KUBE-A
            -A KUBE-A -s 10.0.0.1/32 -m comment --comment one -j ACCEPT
            -A KUBE-A -m comment --comment two -j DROP
            -A KUBE-A -m comment --comment three -j RETURN
            -A KUBE-A -p tcp -m tcp --dport 1 -j ACCEPT
            -A KUBE-OLD -j RETURN
            COMMIT
            """;

    @Test
    void inputAndItsSaveOutputAreTheSame() {
        RulesetDiff d = RulesetDiffer.diff(rs(RealDumps.resource("real-v4.rules")),
                rs(RealDumps.resource("saved-legacy-v4-c.txt")), "in", "saved", false);
        assertTrue(d.isEmpty(), () -> DiffFormatter.text(d, false));
    }

    @Test
    void legacyAndNftDumpsOfOneRulesetAreTheSame() {
        RulesetDiff d = RulesetDiffer.diff(rs(RealDumps.resource("saved-legacy-v4-c.txt")),
                rs(RealDumps.resource("saved-nft-v4.txt")), "legacy", "nft", false);
        assertTrue(d.isEmpty(), () -> DiffFormatter.text(d, false));
    }

    private static List<RulesetDiff.RuleChange.Kind> kinds(String a, String b) {
        RulesetDiff d = diff(a, b);
        return d.isEmpty() ? List.of() : d.tables().get(0).chains().get(0).rules().stream()
                .map(RulesetDiff.RuleChange::kind).toList();
    }

    private static String chain(String... rules) {
        return "*filter\n:INPUT ACCEPT [0:0]\n" + String.join("", List.of(rules).stream()
                .map(r -> "-A INPUT " + r + "\n").toList()) + "COMMIT\n";
    }

    @Test
    void repeatedRulesAreCountedNotMoved() {
        String reject = "-j REJECT";
        String ssh = "-p tcp -m tcp --dport 22 -j ACCEPT";
        assertEquals(List.of(RulesetDiff.RuleChange.Kind.ADDED), kinds(chain(ssh, reject), chain(reject, ssh, reject)));
        assertEquals(List.of(RulesetDiff.RuleChange.Kind.REMOVED), kinds(chain(reject, ssh, reject), chain(ssh, reject)));
        assertEquals(List.of(), kinds(chain(reject, reject), chain(reject, "-j REJECT --reject-with icmp-port-unreachable")));
        assertEquals(List.of(RulesetDiff.RuleChange.Kind.MOVED), kinds(chain(reject, ssh, "-j DROP"),
                chain(ssh, "-j DROP", reject)));
    }

    @Test
    void theOrderOfMatchesIsADifference() {
        String recentFirst = "-m recent --set --name ssh -m tcp -p tcp --dport 22 -j DROP";
        String portFirst = "-p tcp -m tcp --dport 22 -m recent --set --name ssh -j DROP";
        assertEquals(List.of(RulesetDiff.RuleChange.Kind.CHANGED), kinds(chain(recentFirst), chain(portFirst)));
        assertTrue(diff(chain("-m conntrack --ctstate NEW --ctproto tcp -j ACCEPT"),
                chain("-m conntrack --ctproto 6 --ctstate NEW -j ACCEPT")).isEmpty());
    }

    @Test
    void countersCountOnlyWhenAsked() {
        String a = "*filter\n:INPUT ACCEPT [1:1]\n[1:2] -A INPUT -j DROP\nCOMMIT\n";
        String b = "*filter\n:INPUT ACCEPT [5:5]\n[3:4] -A INPUT -j DROP\nCOMMIT\n";
        assertTrue(diff(a, b).isEmpty());
        RulesetDiff d = RulesetDiffer.diff(rs(a), rs(b), "a", "b", true);
        RulesetDiff.ChainDiff c = d.tables().get(0).chains().get(0);
        assertEquals(List.of(RulesetDiff.RuleChange.Kind.CHANGED), c.rules().stream().map(RulesetDiff.RuleChange::kind).toList());
        assertEquals(new Counters(3, 4), c.rules().get(0).after().counters());
        assertEquals(new Counters(5, 5), c.countersAfter());
        assertEquals("""
                --- a
                +++ b
                @@ *filter :INPUT @@
                -:INPUT ACCEPT [1:1]
                +:INPUT ACCEPT [5:5]
                -[1:2] -A INPUT -j DROP
                +[3:4] -A INPUT -j DROP
                """, DiffFormatter.text(d, false));
    }

    @Test
    void addsRemovesMovesChangesAndPolicies() {
        String after = """
                *filter
                :INPUT DROP [0:0]
                :KUBE-A - [0:0]
                :KUBE-NEW - [0:0]
                -A INPUT -j KUBE-A
                -A KUBE-A -m comment --comment two -j DROP
                -A KUBE-A -s 10.0.0.2 -m comment --comment one -j ACCEPT
                -A KUBE-A -p tcp --dport 1 -j ACCEPT
                -A KUBE-A -m comment --comment three -j RETURN
                -A KUBE-A -m comment --comment four -j RETURN
                -A KUBE-NEW -j RETURN
                COMMIT
                *nat
                :POSTROUTING ACCEPT [0:0]
                COMMIT
                """;
        RulesetDiff d = diff(BASE, after);
        assertEquals(new RulesetDiff.Summary(1, 0, 2, 1, 1, 2, 1, 1, 1), d.summary());
        assertEquals("""
                --- a
                +++ b
                @@ *filter :INPUT @@
                -:INPUT ACCEPT [0:0]
                +:INPUT DROP [0:0]
                @@ *filter :KUBE-A @@
                --A KUBE-A -s 10.0.0.1/32 -m comment --comment one -j ACCEPT
                +-A KUBE-A -s 10.0.0.2 -m comment --comment one -j ACCEPT
                ~-A KUBE-A -m comment --comment three -j RETURN  (moved from 3 to 4)
                +-A KUBE-A -m comment --comment four -j RETURN
                -:KUBE-OLD - [0:0]
                --A KUBE-OLD -j RETURN
                +:KUBE-NEW - [0:0]
                +-A KUBE-NEW -j RETURN
                +*nat
                +:POSTROUTING ACCEPT [0:0]
                """, DiffFormatter.text(d, false));
    }

    @Test
    void replacementWithoutCommentPairsByPlace() {
        String a = "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j A\n-A INPUT -p tcp -j DROP\n-A INPUT -j B\nCOMMIT\n";
        String b = "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j A\n-A INPUT -p udp -j DROP\n-A INPUT -j B\nCOMMIT\n";
        List<RulesetDiff.RuleChange> changes = diff(a, b).tables().get(0).chains().get(0).rules();
        assertEquals(1, changes.size());
        assertEquals(RulesetDiff.RuleChange.Kind.CHANGED, changes.get(0).kind());
        assertEquals(2, changes.get(0).before().position());
        assertEquals(4, changes.get(0).after().line());
    }

    @Test
    void duplicatesAreCountedNotCollapsed() {
        String a = "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j DROP\nCOMMIT\n";
        String b = "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j DROP\n-A INPUT -j DROP\nCOMMIT\n";
        RulesetDiff d = diff(a, b);
        assertEquals(1, d.summary().rulesAdded());
        assertEquals(0, d.summary().rulesChanged());
    }

    @Test
    void colourWhenAsked() {
        String text = DiffFormatter.text(diff(BASE, BASE.replace("-j DROP", "-j REJECT")), true);
        assertTrue(text.contains("\u001b[31m--A KUBE-A -m comment --comment two -j DROP\u001b[0m"), text);
        assertTrue(text.contains("\u001b[32m+-A KUBE-A"), text);
        assertEquals("", DiffFormatter.text(diff(BASE, BASE), true));
    }

    @Test
    void jsonCarriesTheModelAndTotals() throws Exception {
        String after = BASE.replace(":KUBE-OLD - [0:0]\n", "").replace("-A KUBE-OLD -j RETURN\n", "");
        JsonNode root = new ObjectMapper().readTree(DiffFormatter.json(diff(BASE, after)));
        assertEquals("a", root.get("before").asText());
        assertFalse(root.get("countersCompared").asBoolean());
        assertEquals(1, root.get("summary").get("chainsRemoved").asInt());
        JsonNode chain = root.get("tables").get(0).get("chains").get(0);
        assertEquals("KUBE-OLD", chain.get("name").asText());
        assertEquals("REMOVED", chain.get("status").asText());
        assertEquals("-A KUBE-OLD -j RETURN", chain.get("rules").get(0).get("before").get("text").asText());
        assertTrue(chain.get("rules").get(0).get("after").isNull());
    }

    @Test
    void bigGeneratedSetsAgainstThemselvesAndAVariant() {
        String a = KubeRulesetGenerator.generate(20_000, 1, Family.IPV4).text();
        assertTrue(diff(a, a).isEmpty());
        String b = a.replaceFirst("--dport 80 ", "--dport 81 ");
        RulesetDiff d = diff(a, b);
        assertEquals(1, d.summary().rulesChanged());
        assertEquals(0, d.summary().rulesAdded() + d.summary().rulesRemoved() + d.summary().rulesMoved());
    }
}
