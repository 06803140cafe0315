package io.iptscope.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.discover.BinaryInventory;
import io.iptscope.discover.BinarySource;
import io.iptscope.discover.ContainerDiscovery;
import io.iptscope.discover.ContainerEntry;
import io.iptscope.discover.Tool;
import io.iptscope.discover.ToolKind;
import io.iptscope.discover.Variant;
import io.iptscope.exec.Command;
import io.iptscope.exec.LocalRunner;
import io.iptscope.exec.NetnsTarget;
import io.iptscope.iptables.Discovery;
import io.iptscope.rules.Family;
import io.iptscope.testing.Requirements;
import io.iptscope.testing.TestContainer;
import io.iptscope.testing.TestNetns;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A "container" with only nft binaries, its own netns holding legacy rules, and a pod-like netns with nft rules. */
class ContainerContextTest {

    private static final Duration T = Duration.ofSeconds(10);
    private static final LocalRunner RUNNER = new LocalRunner();

    private static List<String> nftOnlyNames() {
        List<String> names = new ArrayList<>();
        for (Family f : Family.values()) {
            for (Variant v : List.of(Variant.PLAIN, Variant.NFT)) {
                for (ToolKind k : ToolKind.values()) {
                    names.add(Tool.of(f, v, k).name());
                }
            }
        }
        return names;
    }

    @Test
    void containersAreListedAndTheirOwnBinariesRunInsideThem() throws Exception {
        Requirements.requireNetnsTools();
        try (TestContainer ctr = TestContainer.start(nftOnlyNames(), Requirements.which("xtables-nft-multi"))) {
            List<ContainerEntry> all = new ContainerDiscovery(RUNNER, T).list();
            ContainerEntry me = all.stream().filter(c -> c.pids().contains(ctr.pid())).findFirst()
                    .orElseThrow(() -> new AssertionError("container " + ctr.pid() + " not listed: " + all));
            assertFalse(me.hostNet());
            assertEquals(me.pids().get(0), me.pid());

            BinaryInventory inv = new Discovery(RUNNER, T).discover(me.binarySource());
            assertEquals(List.of(ctr.binDir().toString()), inv.directories());
            assertEquals("/proc/" + me.pid() + "/ns/mnt", inv.mountNamespace());
            assertTrue(inv.get(Family.IPV4, Variant.NFT, ToolKind.SAVE).found());
            assertTrue(inv.get(Family.IPV4, Variant.NFT, ToolKind.SAVE).path().startsWith(ctr.binDir().toString()));
            assertFalse(inv.get(Family.IPV4, Variant.LEGACY, ToolKind.SAVE).found());
            assertTrue(inv.get(Family.IPV4, Variant.NFT, ToolKind.BASE).version() != null, "ran inside the container");
            // The directory is empty on the host: the binaries exist only in the container's mount namespace.
            try (var files = Files.list(ctr.binDir())) {
                assertEquals(0, files.count());
            }
        }
    }

    @Test
    void theContextMatrixCellByCell() throws Exception {
        Requirements.requireNetnsTools();
        try (TestContainer ctr = TestContainer.start(nftOnlyNames(), Requirements.which("xtables-nft-multi"));
             TestNetns pod = TestNetns.create()) {
            NetnsTarget ctrNet = new NetnsTarget.OfPid(ctr.pid());
            assertTrue(RUNNER.run(ctrNet.enter(Command.of("iptables-legacy-restore", "-w", "10"))
                    .withStdin("*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -s 10.1.0.0/16 -j ACCEPT\nCOMMIT\n".getBytes()))
                    .ok());
            pod.restore("iptables-nft-restore", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp --dport 443 -j ACCEPT\nCOMMIT\n");

            BinarySource host = new BinarySource.ProcessPath();
            BinarySource container = new BinarySource.Container(ctr.pid(), "nft-only");
            ContextMatrix m = ContextMatrix.build(RUNNER, T, new IptscopeStrategy(), host, List.of(host, container),
                    List.of(ctrNet, pod.target()));
            String h = "PATH";
            String c = container.describe();
            assertEquals(List.of(h, c), m.rows());
            VerdictBackend l = VerdictBackend.LEGACY;
            VerdictBackend n = VerdictBackend.NFT;
            assertCell(m, h, ctrNet.spec(), l, l, true);
            assertCell(m, h, pod.target().spec(), n, n, true);
            // The container cannot read legacy: it picks nft in a netns whose rules are all in legacy.
            assertCell(m, c, ctrNet.spec(), n, l, false);
            assertCell(m, c, pod.target().spec(), n, n, true);
            Finding f = m.findings().stream().filter(x -> x.id().equals("context-disagrees")).findFirst().orElseThrow();
            assertTrue(f.message().contains(c) && f.message().contains(ctrNet.spec()), f.message());
            assertEquals(1, m.findings().stream().filter(x -> x.id().equals("context-disagrees")).count());
            // IPv6 has no rules anywhere: any choice agrees.
            assertTrue(m.cell(c, ctrNet.spec(), Family.IPV6).orElseThrow().agrees());
        }
    }

    @Test
    void anOlderIptablesNftInAnImageIsVersionSkew() {
        BinaryInventory host = Fixtures.bins(io.iptscope.rules.Backend.NFT, "1.8.9").build();
        BinaryInventory older = Fixtures.bins(io.iptscope.rules.Backend.NFT, "1.8.7").build();
        Finding f = ContextMatrix.skew(host, older).orElseThrow();
        assertEquals("version-skew", f.id());
        assertTrue(f.impact().contains("112477"));
        assertTrue(ContextMatrix.skew(older, host).isEmpty());
    }

    private static void assertCell(ContextMatrix m, String row, String col, VerdictBackend chosen, VerdictBackend actual,
                                   boolean agrees) {
        ContextMatrix.Cell cell = m.cell(row, col, Family.IPV4).orElseThrow();
        assertEquals(chosen, cell.chosen(), row + " x " + col);
        assertEquals(actual, cell.actual(), row + " x " + col);
        assertEquals(agrees, cell.agrees(), row + " x " + col);
    }
}
