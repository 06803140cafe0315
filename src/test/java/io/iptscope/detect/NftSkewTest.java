package io.iptscope.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.discover.BinarySource;
import io.iptscope.exec.LocalRunner;
import io.iptscope.testing.Requirements;
import io.iptscope.testing.TestNetns;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image's nft and iptables-nft older than the host's. Only the version string is faked (no nft older than the
 * host's is installable here on demand): the scripts print an old version and run the real binary otherwise.
 */
class NftSkewTest {

    private static Inspection detect(TestNetns ns, Path dir) throws Exception {
        List<String> before = ns.kernelState();
        Inspection i = new Detector(new LocalRunner(), Duration.ofSeconds(10)).inspect(ns.target(),
                new BinarySource.Dirs(List.of(dir.toString())));
        assertEquals(before, ns.kernelState(), "detection changed the netns");
        assertEquals(List.of(), AdviceCheck.contradictions(i), "advice contradicts the verdict");
        return i;
    }

    private static void oldVersion(Path dir, String name, String versionLine) throws IOException {
        String real = Requirements.which(name);
        assertNotNull(real, name);
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\nif [ \"$1\" = --version ] || [ \"$1\" = -v ]; then echo '" + versionLine
                + "'; exit 0; fi\nexec " + real + " \"$@\"\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String kubeProxyRuleset() throws IOException {
        try (InputStream in = NftSkewTest.class.getResourceAsStream("writers/kube-proxy-nftables.nft")) {
            assertNotNull(in);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Finding finding(Inspection i, String id) {
        return i.findings().stream().filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " missing: " + i.findings()));
    }

    @Test
    void anImageNftOlderThanTheHostsAgainstKubeProxySetsIsAnError(@TempDir Path dir) throws Exception {
        oldVersion(dir, "nft", "nftables v1.0.2 (Lester Gooch #3)");
        try (TestNetns ns = TestNetns.create()) {
            ns.execWithInput(kubeProxyRuleset(), "nft", "-f", "-");
            Inspection i = detect(ns, dir);
            Finding f = finding(i, "nft-version-skew");
            assertEquals(Severity.ERROR, f.severity());
            assertTrue(f.message().contains("1.0.2") && f.message().contains("older than the host's nft"), f.message());
            assertTrue(f.message().contains("set(s)/map(s)"), f.message());
            assertTrue(f.impact().contains("kubernetes#136786"), f.impact());
            assertTrue(i.hasErrors());
        }
    }

    @Test
    void withoutSetsTheSameSkewIsAWarning(@TempDir Path dir) throws Exception {
        oldVersion(dir, "nft", "nftables v1.0.2 (Lester Gooch #3)");
        try (TestNetns ns = TestNetns.create()) {
            ns.exec("nft", "add", "table", "inet", "mine");
            Finding f = finding(detect(ns, dir), "nft-version-skew");
            assertEquals(Severity.WARNING, f.severity());
            assertTrue(f.message().contains("no sets or maps"), f.message());
        }
    }

    @Test
    void theHostsOwnNftIsNoSkew(@TempDir Path dir) throws Exception {
        Files.createSymbolicLink(dir.resolve("nft"), Path.of(Requirements.which("nft")));
        try (TestNetns ns = TestNetns.create()) {
            ns.execWithInput(kubeProxyRuleset(), "nft", "-f", "-");
            Inspection i = detect(ns, dir);
            assertTrue(i.findings().stream().noneMatch(f -> f.id().endsWith("version-skew")), i.findings().toString());
        }
    }

    @Test
    void anOlderIptablesNftAgainstHostRulesIsAWarning(@TempDir Path dir) throws Exception {
        oldVersion(dir, "iptables-nft", "iptables v1.8.3 (nf_tables)");
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-nft-restore", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n");
            Finding f = finding(detect(ns, dir), "iptables-nft-version-skew");
            assertEquals(Severity.WARNING, f.severity());
            assertTrue(f.message().contains("1.8.3") && f.impact().contains("weave#3968"), f.message());
        }
    }
}
