package io.iptscope.discover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.exec.LocalRunner;
import io.iptscope.iptables.Discovery;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.testing.Requirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryTest {

    private final Discovery discovery = new Discovery(new LocalRunner(), Duration.ofSeconds(5));

    @Test
    void thePathOfALocalRunnerIsKnownWithoutAskingAndThatOfSudoIsAsked() {
        io.iptscope.exec.CommandLog log = new io.iptscope.exec.CommandLog();
        List<String> dirs = new BinarySource.ProcessPath().directories(
                new io.iptscope.exec.RecordingRunner(new LocalRunner("/opt/x/bin:/usr/bin"), log));
        assertEquals(List.of("/opt/x/bin", "/usr/bin", "/usr/sbin", "/sbin"), dirs);
        assertTrue(log.snapshot().isEmpty(), "no command ran: " + log.snapshot());
        io.iptscope.exec.CommandRunner sudoLike = new io.iptscope.exec.CommandRunner() {
            @Override
            public io.iptscope.exec.CommandResult run(io.iptscope.exec.Command command) {
                return new LocalRunner("/usr/bin").run(command);
            }

            @Override
            public String host() {
                return "local";
            }
        };
        assertEquals(List.of("/usr/bin", "/usr/sbin", "/sbin"), new BinarySource.ProcessPath().directories(
                new io.iptscope.exec.RecordingRunner(sudoLike, log)));
        assertEquals(List.of("printenv", "PATH"), log.snapshot().get(0).argv());
    }

    @Test
    void findsAllNamesOnThisMachineWithChainsVersionsAndModes() {
        Requirements.requireBinaries("iptables", "iptables-legacy", "iptables-nft", "ip6tables", "xtables-legacy-multi",
                "xtables-nft-multi", "nft");
        BinaryInventory inv = discovery.discover(new BinarySource.ProcessPath());

        assertEquals(21, inv.binaries().size());
        for (Family f : Family.values()) {
            for (Variant v : Variant.values()) {
                for (ToolKind k : ToolKind.values()) {
                    BinaryInfo b = inv.get(f, v, k);
                    assertTrue(b.found(), b.name() + " not found");
                    assertNotNull(b.version(), b.name() + " has no version: " + b.note());
                }
            }
            assertEquals(Mode.LEGACY, inv.get(f, Variant.LEGACY, ToolKind.SAVE).mode());
            assertEquals(Mode.NF_TABLES, inv.get(f, Variant.NFT, ToolKind.RESTORE).mode());
        }
        BinaryInfo nftSave = inv.get(Family.IPV4, Variant.NFT, ToolKind.SAVE);
        assertTrue(nftSave.resolved().endsWith("/xtables-nft-multi"), nftSave.resolved());
        assertEquals(nftSave.resolved(), nftSave.symlinkChain().get(nftSave.symlinkChain().size() - 1));
        assertEquals(Mode.NF_TABLES, inv.get(Tool.NFT).mode());
        assertNotNull(inv.get(Tool.XTABLES_LEGACY_MULTI).version());

        // The plain name goes through the alternatives system: its chain ends where the alternative points.
        BinaryInfo plain = inv.get(Family.IPV4, Variant.PLAIN, ToolKind.BASE);
        assertTrue(plain.symlinkChain().size() >= 2, plain.symlinkChain().toString());
        Alternatives alt = inv.alternatives().stream().filter(a -> a.name().equals("iptables")).findFirst().orElseThrow();
        assertTrue(plain.symlinkChain().contains(alt.value()), plain.symlinkChain() + " vs " + alt.value());
        Backend selected = alt.value().endsWith("-nft") ? Backend.NFT : Backend.LEGACY;
        assertEquals(selected, inv.systemDefault(Family.IPV4).orElseThrow());
    }

    @Test
    void aDirectoryWithOnlyNftBinariesHasNoLegacy(@TempDir Path dir) throws IOException {
        String multi = Requirements.which("xtables-nft-multi");
        Requirements.requireBinaries("xtables-nft-multi");
        for (Family f : Family.values()) {
            for (Variant v : List.of(Variant.PLAIN, Variant.NFT)) {
                for (ToolKind k : ToolKind.values()) {
                    Files.createSymbolicLink(dir.resolve(Tool.of(f, v, k).name()), Path.of(multi));
                }
            }
        }
        BinaryInventory inv = discovery.discover(new BinarySource.Dirs(List.of(dir.toString())));

        assertEquals(List.of(dir.toString()), inv.directories());
        assertFalse(inv.has(Family.IPV4, Variant.LEGACY, ToolKind.SAVE));
        assertFalse(inv.get(Tool.NFT).found());
        assertEquals(Backend.NFT, inv.systemDefault(Family.IPV6).orElseThrow());
        BinaryInfo save = inv.get(Family.IPV4, Variant.NFT, ToolKind.SAVE);
        assertEquals(dir.resolve("iptables-nft-save").toString(), save.path());
        assertEquals(List.of(multi), save.symlinkChain());
        assertEquals(multi, save.resolved());
    }

    @Test
    void theFirstDirectoryOfTheSourceWins(@TempDir Path tmp) throws IOException {
        Path first = Files.createDirectory(tmp.resolve("first"));
        Path second = Files.createDirectory(tmp.resolve("second"));
        script(second, "iptables-nft-save", "echo 'iptables-nft-save v1.8.7 (nf_tables)'");
        script(first, "iptables-nft-save", "echo 'iptables-nft-save v1.8.10 (nf_tables)'");
        BinaryInventory inv = discovery.discover(new BinarySource.Dirs(List.of(first.toString(), second.toString())));
        BinaryInfo save = inv.get(Family.IPV4, Variant.NFT, ToolKind.SAVE);
        assertEquals(first.resolve("iptables-nft-save").toString(), save.path());
        assertEquals("1.8.10", save.version());
    }

    @Test
    void aSaveThatRejectsVersionIsNotedNotFatal(@TempDir Path dir) throws IOException {
        // iptables-save 1.6.1 takes no options and still exits 0.
        script(dir, "iptables-legacy-save", "echo \"iptables-save: unrecognized option '--version'\" >&2; exit 0");
        script(dir, "iptables-legacy", "echo 'iptables v1.6.1'");
        BinaryInventory inv = discovery.discover(new BinarySource.Dirs(List.of(dir.toString())));

        BinaryInfo save = inv.get(Family.IPV4, Variant.LEGACY, ToolKind.SAVE);
        assertTrue(save.found());
        assertNull(save.version());
        assertEquals(Mode.LEGACY, save.mode());
        assertTrue(save.note().contains("rejects --version"), save.note());
        BinaryInfo base = inv.get(Family.IPV4, Variant.LEGACY, ToolKind.BASE);
        assertEquals("1.6.1", base.version());
        assertEquals(Mode.LEGACY, base.mode());
        assertNull(base.note());
    }

    @Test
    void aPlainNameWithoutModeMarkerIsLegacyIptablesBefore18(@TempDir Path dir) throws IOException {
        script(dir, "iptables", "echo 'iptables v1.6.2'");
        BinaryInventory inv = discovery.discover(new BinarySource.Dirs(List.of(dir.toString())));
        assertEquals(Backend.LEGACY, inv.systemDefault(Family.IPV4).orElseThrow());
    }

    static void script(Path dir, String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
