package io.iptscope.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ChainIndexTest {

    private static Chain chain(String name) {
        return new Chain(name, Chain.NO_POLICY, null, 1, "", -1, -1);
    }

    @Test
    void findsByNameAndByRegionThroughGrowthAndCollisions() {
        ChainIndex idx = new ChainIndex();
        // "Aa" and "BB" have the same String hash code.
        Chain aa = chain("Aa");
        Chain bb = chain("BB");
        assertNull(idx.putIfAbsent(aa));
        assertNull(idx.putIfAbsent(bb));
        for (int i = 0; i < 5000; i++) {
            assertNull(idx.putIfAbsent(chain("KUBE-SEP-" + i)));
        }
        assertSame(aa, idx.get("Aa"));
        assertSame(bb, idx.get("BB"));
        assertSame(aa, idx.putIfAbsent(chain("Aa")), "the first one stays");
        String line = "-A KUBE-SEP-4711 -j DROP";
        assertEquals("KUBE-SEP-4711", idx.get(line, 3, 16).name());
        assertNull(idx.get("-A KUBE-SEP-47110 -j DROP", 3, 17));
        assertNull(idx.get("KUBE-SEP-5000"));
    }
}
