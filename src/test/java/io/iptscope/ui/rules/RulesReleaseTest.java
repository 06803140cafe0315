package io.iptscope.ui.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.rules.ChainRef;
import io.iptscope.rules.Family;
import io.iptscope.rules.KubeRulesetGenerator;
import io.iptscope.ui.task.SyncTaskRunner;
import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;

/**
 * A second loaded ruleset releases the first (issue 13): after it, nothing of the browser reaches the first
 * dump's text (every rule points into it) or its rows, whatever the user did with the first one.
 */
class RulesReleaseTest {

    private static final int RULES = 3000;

    @Test
    void aSecondRulesetReleasesTheFirstAfterNavigationFilterAndSelection() {
        RulesViewModel vm = new RulesViewModel(new SyncTaskRunner());
        WeakReference<?>[] first = loadAndUse(vm);
        vm.load("second", p -> KubeRulesetGenerator.generate(RULES, 8, Family.IPV4).text());
        assertEquals(null, vm.errorProperty().get());
        assertTrue(vm.loadedProperty().get().startsWith("second: "), vm.loadedProperty().get());
        assertReleased(first);
    }

    @Test
    void aSecondRulesetWithoutTablesReleasesTheFirstToo() {
        RulesViewModel vm = new RulesViewModel(new SyncTaskRunner());
        WeakReference<?>[] first = loadAndUse(vm);
        vm.load("empty", p -> "# nothing saved\n");
        assertTrue(vm.loadedProperty().get().startsWith("empty: 0 rules"), vm.loadedProperty().get());
        assertEquals(0, vm.rowsProperty().get().size(), "the first ruleset's rows are not left on screen");
        assertNull(vm.selectedProperty().get());
        assertReleased(first);
    }

    /**
     * Loads a ruleset, follows a jump, filters, selects a row; returns weak references to its dump text and its
     * rows after checking that they are still reachable while shown (so that their release later means something).
     */
    private static WeakReference<?>[] loadAndUse(RulesViewModel vm) {
        String text = KubeRulesetGenerator.generate(RULES, 7, Family.IPV4).text();
        vm.load("first", p -> text);
        vm.open(new ChainRef("nat", "KUBE-SERVICES"));
        RuleRow jump = vm.rowsProperty().get().get(0);
        assertTrue(vm.follow(jump));
        assertTrue(vm.referencedBy().size() > 0);
        vm.filterTextProperty().set("KUBE");
        vm.selectedProperty().set(vm.rowsProperty().get().get(0));
        assertNotNull(vm.selectedProperty().get());
        WeakReference<?>[] refs = {new WeakReference<>(text), new WeakReference<>(vm.rowsProperty().get())};
        collect(refs);
        assertNotNull(refs[0].get(), "the shown ruleset keeps its dump text");
        assertNotNull(refs[1].get(), "the shown rows are reachable");
        return refs;
    }

    private static void assertReleased(WeakReference<?>[] refs) {
        collect(refs);
        assertNull(refs[0].get(), "the first dump's text is still reachable after loading a second one");
        assertNull(refs[1].get(), "the first ruleset's rows are still reachable after loading a second one");
    }

    /** Full collections until every reference is cleared or a few rounds found them all still reachable. */
    private static void collect(WeakReference<?>[] refs) {
        for (int i = 0; i < 10; i++) {
            System.gc();
            boolean cleared = true;
            for (WeakReference<?> r : refs) {
                cleared &= r.get() == null;
            }
            if (cleared) {
                return;
            }
        }
    }
}
