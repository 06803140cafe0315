package io.iptscope.ui.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.rules.ChainGraph;
import io.iptscope.rules.ChainRef;
import io.iptscope.rules.Family;
import io.iptscope.rules.KubeRulesetGenerator;
import io.iptscope.rules.Ruleset;
import io.iptscope.rules.SaveParser;
import io.iptscope.ui.common.Placeholder;
import io.iptscope.ui.task.SyncTaskRunner;
import java.util.List;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/** The rule browser's model on kube-proxy-like dumps, without a display. */
class RulesViewModelTest {

    private static RulesViewModel loaded(int rules) {
        String text = KubeRulesetGenerator.generate(rules, 7, Family.IPV4).text();
        RulesViewModel vm = new RulesViewModel(new SyncTaskRunner());
        vm.load("generated", p -> text);
        return vm;
    }

    @Test
    void theRuleTableSaysNotReadFailedOrWhyItIsEmptyAndReferencesWaitForTheIndex() {
        RulesViewModel vm = new RulesViewModel(new SyncTaskRunner());
        assertEquals(Placeholder.State.NOT_READ, vm.rowsPlaceholder().stateProperty().get());
        vm.load("denied", p -> {
            throw new java.io.IOException("iptables-save: Permission denied");
        });
        assertEquals(Placeholder.State.FAILED, vm.rowsPlaceholder().stateProperty().get());
        assertEquals("Loading denied failed: iptables-save: Permission denied",
                vm.rowsPlaceholder().textProperty().get());

        vm.load("bare", p -> "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n-A FORWARD -j INPUT\nCOMMIT\n");
        vm.open(new ChainRef("filter", "INPUT"));
        assertTrue(vm.rowsProperty().get().isEmpty());
        assertEquals(Placeholder.State.EMPTY, vm.rowsPlaceholder().stateProperty().get());
        assertTrue(vm.rowsPlaceholder().textProperty().get().startsWith("No rules in "),
                vm.rowsPlaceholder().textProperty().get());
        assertEquals(1, vm.referencedBy().size(), "FORWARD jumps to INPUT");
        vm.open(new ChainRef("filter", "FORWARD"));
        assertEquals(Placeholder.State.EMPTY, vm.referencedByPlaceholder().stateProperty().get());
        assertEquals("No rule jumps here", vm.referencedByPlaceholder().textProperty().get());
        vm.open(ChainRef.table("filter"));
        assertEquals(Placeholder.State.NOT_READ, vm.referencedByPlaceholder().stateProperty().get(),
                "a whole table has no references to list");
    }

    @Test
    void loadingBuildsTheTreeAndOpensTheFilterTable() {
        RulesViewModel vm = loaded(300);
        assertEquals(List.of("filter", "nat"), vm.tree().stream().map(TableNode::name).toList());
        assertEquals(ChainRef.table("filter"), vm.locationProperty().get());
        TableNode nat = vm.tree().get(1);
        TableNode.ChainNode services = nat.chains().stream().filter(c -> c.name().equals("KUBE-SERVICES"))
                .findFirst().orElseThrow();
        assertTrue(services.references() > 0, "PREROUTING and OUTPUT jump to KUBE-SERVICES");
        int filterRules = vm.tree().get(0).rules();
        assertEquals(filterRules + " of " + filterRules + " rules shown", vm.countProperty().get());
        assertTrue(vm.loadedProperty().get().startsWith("generated: "));
    }

    @Test
    void followingAJumpRecordsHistoryAndReferencedBy() {
        RulesViewModel vm = loaded(300);
        vm.open(new ChainRef("nat", "KUBE-SERVICES"));
        RuleRow first = vm.rowsProperty().get().get(0);
        assertEquals(1, first.number());
        String svc = first.jumpName();
        assertTrue(svc.startsWith("KUBE-SVC-") || svc.startsWith("KUBE-EXT-"), svc);

        assertTrue(vm.follow(first));
        assertEquals(new ChainRef("nat", svc), vm.locationProperty().get());
        assertTrue(vm.referencedBy().stream().anyMatch(r -> r.chain().equals("KUBE-SERVICES") && r.number() == 1),
                vm.referencedBy().toString());
        assertTrue(vm.canBackProperty().get());
        assertFalse(vm.canForwardProperty().get());

        vm.back();
        assertEquals(new ChainRef("nat", "KUBE-SERVICES"), vm.locationProperty().get());
        assertTrue(vm.canForwardProperty().get());
        vm.forward();
        assertEquals(new ChainRef("nat", svc), vm.locationProperty().get());

        RuleRow referencing = vm.referencedBy().get(0);
        vm.reveal(referencing);
        assertEquals(new ChainRef("nat", referencing.chain()), vm.locationProperty().get());
        int shown = vm.revealProperty().get();
        assertEquals(referencing.rule().line(), vm.rowsProperty().get().get(shown).rule().line());
    }

    @Test
    void aTargetExtensionIsNotFollowed() {
        RulesViewModel vm = loaded(300);
        vm.open(new ChainRef("nat", "KUBE-MARK-MASQ"));
        RuleRow mark = vm.rowsProperty().get().get(0);
        assertEquals("MARK", mark.target());
        assertFalse(vm.follow(mark));
        assertEquals(new ChainRef("nat", "KUBE-MARK-MASQ"), vm.locationProperty().get());
    }

    @Test
    void anInvalidFilterKeepsTheLastGoodResultAndSaysWhere() {
        RulesViewModel vm = loaded(300);
        vm.open(ChainRef.table("nat"));
        vm.filterTextProperty().set("svc-000001 !KUBE-MARK-MASQ");
        ObservableList<RuleRow> good = vm.rowsProperty().get();
        assertFalse(good.isEmpty());
        assertTrue(good.stream().allMatch(r -> r.rule().raw().contains("svc-000001")
                && !r.rule().raw().contains("KUBE-MARK-MASQ")));
        String count = vm.countProperty().get();

        vm.filterTextProperty().set("svc-000001 \"http");
        FilterQuery.Invalid bad = assertInstanceOf(FilterQuery.Invalid.class, vm.filterProperty().get());
        assertEquals(11, bad.position());
        assertSame(good, vm.rowsProperty().get());
        assertEquals(count, vm.countProperty().get());

        vm.filterTextProperty().set("");
        assertTrue(vm.rowsProperty().get().size() > good.size());
    }

    @Test
    void selectingARowShowsItsRawLineAndFields() {
        RulesViewModel vm = loaded(300);
        vm.open(new ChainRef("nat", "KUBE-SERVICES"));
        RuleRow first = vm.rowsProperty().get().get(0);
        vm.selectedProperty().set(first);
        String details = vm.detailsProperty().get();
        assertTrue(details.contains(first.rule().raw()), details);
        assertTrue(details.contains("match comment"), details);
        assertTrue(details.contains("jump             " + first.jumpName()), details);
        vm.open(ChainRef.table("filter"));
        assertNull(vm.selectedProperty().get(), "a new place starts without a selection");
    }

    @Test
    void halfAMillionRulesLoadAndFilterAsTwoIntArrays() {
        RulesViewModel vm = loaded(500_000);
        vm.open(ChainRef.table("nat"));
        int natRules = vm.tree().get(1).rules();
        assertTrue(natRules > 300_000, "nat holds most of the rules: " + natRules);
        assertEquals(natRules, vm.rowsProperty().get().size());
        vm.filterTextProperty().set("svc-000042");
        int shown = vm.rowsProperty().get().size();
        assertTrue(shown > 0 && shown < 100, "svc-000042 has a handful of rules: " + shown);
    }

    @Test
    void theFilterCountsItsMatchesInEveryTableAndChainNotOnlyHere() {
        RulesViewModel vm = loaded(300);
        vm.open(new ChainRef("filter", "INPUT"));
        vm.filterTextProperty().set("svc-000001");
        assertEquals(0, vm.rowsProperty().get().size(), "INPUT has none of the service's rules");
        TableNode nat = vm.tree().stream().filter(t -> t.name().equals("nat")).findFirst().orElseThrow();
        assertTrue(nat.matching() > 0, "the nat table counts its matches: " + nat.label());
        assertFalse(nat.chains().isEmpty());
        assertTrue(nat.chains().stream().allMatch(c -> c.matching() > 0), "only chains with matches are listed");
        int sum = nat.chains().stream().mapToInt(TableNode.ChainNode::matching).sum();
        assertEquals(nat.matching(), sum);
        assertTrue(nat.label().contains(nat.matching() + " of " + nat.rules() + " match"), nat.label());
        String note = vm.filterNoteProperty().get();
        assertTrue(note.contains(nat.matching() + " of ") && note.contains("nat " + nat.matching()), note);
        assertTrue(vm.rowsPlaceholder().textProperty().get().contains(nat.matching() + " rules match elsewhere"),
                vm.rowsPlaceholder().textProperty().get());
        assertEquals(List.of("svc-000001"), vm.highlightsProperty().get());

        vm.open(nat.chains().get(0).ref());
        assertFalse(vm.rowsProperty().get().isEmpty());
        assertTrue(vm.rowsProperty().get().stream().allMatch(r -> r.rule().raw().contains("svc-000001")));

        vm.clearFilter();
        assertEquals("", vm.filterTextProperty().get());
        assertNull(vm.filterNoteProperty().get());
        assertEquals(-1, vm.tree().get(1).matching());
        assertTrue(vm.highlightsProperty().get().isEmpty());
    }

    @Test
    void followingAJumpTheFilterHidesShowsTheWholeChainAndSaysSo() {
        RulesViewModel vm = loaded(300);
        vm.open(new ChainRef("nat", "KUBE-SERVICES"));
        vm.filterTextProperty().set("target:KUBE-SVC-*");
        RuleRow jump = vm.rowsProperty().get().get(0);
        assertTrue(vm.follow(jump));
        assertEquals(new ChainRef("nat", jump.jumpName()), vm.locationProperty().get());
        assertFalse(vm.rowsProperty().get().isEmpty(), "not 'No rules here'");
        assertTrue(vm.suspendedProperty().get());
        assertEquals("target:KUBE-SVC-*", vm.filterTextProperty().get(), "the filter stays on, visibly");
        assertTrue(vm.filterNoteProperty().get().contains("showing the whole chain"), vm.filterNoteProperty().get());

        vm.back();
        assertFalse(vm.suspendedProperty().get(), "KUBE-SERVICES has matches");
        assertTrue(vm.rowsProperty().get().stream().allMatch(r -> r.jumpName().startsWith("KUBE-SVC-")));
    }

    @Test
    void filterOnAValueAddsItsTerm() {
        RulesViewModel vm = loaded(300);
        vm.open(new ChainRef("nat", "KUBE-MARK-MASQ"));
        RuleRow mark = vm.rowsProperty().get().get(0);
        vm.filterOn(RuleColumn.TARGET.term(mark).orElseThrow());
        assertEquals("target:MARK", vm.filterTextProperty().get());
        vm.filterOn("!chain:KUBE-MARK-DROP");
        assertEquals("target:MARK !chain:KUBE-MARK-DROP", vm.filterTextProperty().get());
        assertEquals(List.of("MARK"), vm.highlightsProperty().get(), "negated terms are not marked");
    }

    @Test
    void referencedByIsTheChainGraphsJumpsAndGotosWithinTheTable() {
        String text = String.join("\n",
                "*filter",
                ":INPUT ACCEPT [0:0]",
                ":FORWARD ACCEPT [0:0]",
                ":OUTPUT ACCEPT [0:0]",
                ":A - [0:0]",
                ":B - [0:0]",
                "-A INPUT -p tcp -j A",
                "-A INPUT -p udp -g B",
                "-A A -s 10.0.0.0/8 -j B",
                "-A A -j NATONLY",
                "-A FORWARD -j ACCEPT",
                "COMMIT",
                "*nat",
                ":PREROUTING ACCEPT [0:0]",
                ":NATONLY - [0:0]",
                "-A PREROUTING -j NATONLY",
                "COMMIT",
                "");
        RulesViewModel vm = new RulesViewModel(new SyncTaskRunner());
        vm.load("small", p -> text);
        assertEquals(List.of("INPUT#1"), referencing(vm, new ChainRef("filter", "A")));
        assertEquals(List.of("INPUT#2", "A#1"), referencing(vm, new ChainRef("filter", "B")), "the goto counts");
        assertEquals(List.of("PREROUTING#1"), referencing(vm, new ChainRef("nat", "NATONLY")),
                "filter's jump to a name only nat has is no reference");
        assertEqualsGraph(vm, SaveParser.parse(text, "small").ruleset());

        String kube = KubeRulesetGenerator.generate(300, 7, Family.IPV4).text();
        RulesViewModel big = new RulesViewModel(new SyncTaskRunner());
        big.load("kube", p -> kube);
        assertEqualsGraph(big, SaveParser.parse(kube, "kube").ruleset());
    }

    /** Every chain's "referenced by" and tree count are exactly the graph's edges to it that are not missing. */
    private static void assertEqualsGraph(RulesViewModel vm, Ruleset rs) {
        ChainGraph graph = ChainGraph.of(rs);
        int compared = 0;
        for (TableNode table : List.copyOf(vm.tree())) {
            for (TableNode.ChainNode chain : table.chains()) {
                List<String> expected = graph.edges().stream().filter(e -> !e.missing()
                        && e.table().equals(table.name()) && e.to().equals(chain.name()))
                        .map(e -> e.from() + "#" + e.position()).toList();
                assertEquals(expected, referencing(vm, chain.ref()), chain.ref().toString());
                assertEquals(expected.size(), chain.references(), chain.label());
                compared += expected.size();
            }
        }
        assertEquals(graph.edges().stream().filter(e -> !e.missing()).count(), compared);
    }

    private static List<String> referencing(RulesViewModel vm, ChainRef chain) {
        vm.open(chain);
        return vm.referencedBy().stream().map(r -> r.chain() + "#" + r.number()).toList();
    }
}
