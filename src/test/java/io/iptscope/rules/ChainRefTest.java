package io.iptscope.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ChainRefTest {

    @Test
    void aWholeTableSortsBeforeItsChainsAndSaysSo() {
        ChainRef nat = ChainRef.table("nat");
        assertTrue(nat.wholeTable());
        assertFalse(new ChainRef("nat", "KUBE-SERVICES").wholeTable());
        assertEquals("nat (all chains)", nat.toString());
        assertEquals("nat › KUBE-SERVICES", new ChainRef("nat", "KUBE-SERVICES").toString());
        List<ChainRef> sorted = Stream.of(new ChainRef("nat", "B"), nat, new ChainRef("filter", "A"),
                new ChainRef("nat", "A")).sorted().toList();
        assertEquals(List.of(new ChainRef("filter", "A"), nat, new ChainRef("nat", "A"), new ChainRef("nat", "B")),
                sorted);
        assertThrows(IllegalArgumentException.class, () -> new ChainRef(null, "A"));
    }
}
