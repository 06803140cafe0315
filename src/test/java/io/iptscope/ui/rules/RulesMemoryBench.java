package io.iptscope.ui.rules;

import io.iptscope.rules.ChainRef;
import io.iptscope.ui.task.SyncTaskRunner;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The rule browser's memory with big dumps (issue 13, "GUI RSS with 500k rules"): loads each save file given
 * through {@link RulesViewModel#loadFile} in turn, as the window does, opens its nat table and filters it, then
 * after full collections (or, with {@code -DidleSeconds=N}, after N idle seconds without an explicit one) prints
 * one line per file with the process's resident set (VmRSS, VmHWM of
 * /proc/self/status) and the heap. Run by bin/bench-detect with the JVM flags of bin/iptscope; no display.
 *   java ... io.iptscope.ui.rules.RulesMemoryBench FILE [FILE...]
 */
public final class RulesMemoryBench {

    private RulesMemoryBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: RulesMemoryBench SAVE-FILE [SAVE-FILE...]");
            System.exit(2);
        }
        int idleSeconds = Integer.getInteger("idleSeconds", 0);
        RulesViewModel vm = new RulesViewModel(new SyncTaskRunner());
        for (String file : args) {
            vm.loadFile(Path.of(file));
            if (vm.errorProperty().get() != null) {
                throw new IllegalStateException(file + ": " + vm.errorProperty().get());
            }
            vm.open(ChainRef.table("nat"));
            vm.filterTextProperty().set("KUBE-SVC");
            if (idleSeconds > 0) {
                // As the window sits after a load: only the JVM's own (periodic) collections.
                Thread.sleep(idleSeconds * 1000L);
            } else {
                for (int i = 0; i < 3; i++) {
                    System.gc();
                }
                // G1 (JDK 17) gives the freed heap back to the system concurrently, after the collection.
                Thread.sleep(3000);
            }
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            System.out.printf("file=%s rules=%s rss_mb=%d hwm_mb=%d heap_used_mb=%d heap_committed_mb=%d "
                            + "heap_max_mb=%d%n", Path.of(file).getFileName(), vm.loadedProperty().get(),
                    status("VmRSS") / 1024, status("VmHWM") / 1024, heap.getUsed() >> 20, heap.getCommitted() >> 20,
                    heap.getMax() >> 20);
            vm.filterTextProperty().set("");
        }
    }

    /** A kB field of /proc/self/status. */
    private static long status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip());
            }
        }
        throw new IOException("no " + field + " in /proc/self/status");
    }
}
