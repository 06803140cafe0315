package io.iptscope.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** bin/bench-ssh rewrites only its own section of docs/benchmarks.md. */
class SshDetectionBenchTest {

    private static final String MINE = "## Remote detection over SSH\n\nnew\n";

    @Test
    void theSectionIsAppendedOnce() {
        assertEquals("# B\n\n## Parse\n\nx\n\n" + MINE, SshDetectionBench.withSection("# B\n\n## Parse\n\nx\n", MINE));
        assertEquals(MINE, SshDetectionBench.withSection("", MINE));
    }

    @Test
    void onlyTheOwnSectionIsReplacedWhereverItIs() {
        String doc = "# B\n\n## Remote detection over SSH\n\nold\n### detail\nold\n\n## Heap\n\ny\n";
        assertEquals("# B\n\n" + MINE + "\n## Heap\n\ny\n", SshDetectionBench.withSection(doc, MINE));
        String last = "# B\n\n## Heap\n\ny\n\n## Remote detection over SSH\n\nold\n";
        assertEquals("# B\n\n## Heap\n\ny\n\n" + MINE, SshDetectionBench.withSection(last, MINE));
    }
}
