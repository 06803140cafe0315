package io.iptscope.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.discover.BinaryInventory;
import io.iptscope.discover.BinarySource;
import io.iptscope.exec.HostKeyPrompt;
import io.iptscope.exec.PrivilegeMode;
import io.iptscope.iptables.Discovery;
import io.iptscope.iptables.Watch;
import io.iptscope.iptables.WatchEvent;
import io.iptscope.rules.Backend;
import io.iptscope.testing.TestNetns;
import io.iptscope.testing.TestSshd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The live watch through SSH: nft events stream from the remote host, and stopping leaves no monitor there. */
class RemoteWatchTest {

    private final LinkedBlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();

    private WatchEvent next(Predicate<WatchEvent> p) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            WatchEvent e = events.poll(200, TimeUnit.MILLISECONDS);
            if (e != null && p.test(e)) {
                return e;
            }
        }
        throw new AssertionError("no such event");
    }

    /** nft monitor processes inside the test netns, wherever they were started from. */
    private static long monitorsIn(TestNetns ns) throws IOException {
        String inode = "net:[" + Files.getAttribute(Path.of(ns.path()), "unix:ino") + "]";
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().orElse("").matches(".*/nft monitor$"))
                .filter(h -> {
                    try {
                        return Files.readSymbolicLink(Path.of("/proc", Long.toString(h.pid()), "ns", "net")).toString()
                                .equals(inode);
                    } catch (IOException e) {
                        return false;
                    }
                }).count();
    }

    @Test
    void nftEventsStreamOverSshAndTheRemoteMonitorEndsWithTheWatch() throws Exception {
        try (TestSshd sshd = TestSshd.start(); TestNetns ns = TestNetns.create();
             RemoteHost host = Runners.remote(HostEntry.of(TestSshd.DESTINATION, PrivilegeMode.AUTO),
                     sshd.clientOptions(), HostKeyPrompt.REFUSE, q -> Optional.empty())) {
            Duration t = Duration.ofSeconds(20);
            BinaryInventory bins = new Discovery(host.runner(), t).discover(new BinarySource.ProcessPath());
            try (Watch w = new Watch(host.runner(), ns.target(), bins, t,
                    new Watch.Options(Duration.ofMinutes(1), false, List.of()), events::add)) {
                w.start();
                next(e -> e.type() == WatchEvent.Type.SNAPSHOT && e.backend() == Backend.NFT);
                ns.exec("iptables-nft", "-N", "WARMUP");
                next(e -> e.type() == WatchEvent.Type.CHAIN_ADDED && "WARMUP".equals(e.chain()));
                ns.exec("iptables-nft", "-A", "INPUT", "-s", "192.0.2.77", "-j", "DROP");
                WatchEvent added = next(e -> e.type() == WatchEvent.Type.RULE_ADDED);
                assertEquals("-A INPUT -s 192.0.2.77/32 -j DROP", added.rule());
                assertTrue(added.writer() != null && added.writer().startsWith("iptables-nft["), added.writer());
                assertEquals(1, monitorsIn(ns));
            }
            for (int i = 0; i < 50 && monitorsIn(ns) > 0; i++) {
                Thread.sleep(100);
            }
            assertEquals(0, monitorsIn(ns), "the remote nft monitor outlived the watch");
        }
    }
}
