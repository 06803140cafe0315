package io.iptscope.rules.bench;

import io.iptscope.rules.RuleIndex;
import io.iptscope.rules.Ruleset;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Prints the heap a parsed model retains (and its filter index), measured as used heap after full
 * collections: {@code java ... ModelHeap RULES}. Output: one {@code key=value} per line for BenchReport.
 */
public final class ModelHeap {

    private ModelHeap() {
    }

    public static void main(String[] args) throws InterruptedException {
        int rules = Integer.parseInt(args[0]);
        long base = used();
        String text = BenchData.text(rules);
        long textBytes = text.length();
        Ruleset model = BenchData.parse(text);
        text = null;
        long withModel = used();
        RuleIndex index = RuleIndex.of(model);
        long withIndex = used();
        System.out.println("rules=" + model.ruleCount());
        System.out.println("dumpBytes=" + textBytes);
        System.out.println("modelBytes=" + (withModel - base));
        System.out.println("indexBytes=" + (withIndex - withModel));
        System.out.println("maxHeap=" + Runtime.getRuntime().maxMemory());
        // Keeps both reachable until the measurements above are taken.
        System.out.println("check=" + (model.tables().size() + index.size()));
    }

    private static long used() throws InterruptedException {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return mem.getHeapMemoryUsage().getUsed();
    }
}
