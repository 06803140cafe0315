package io.iptscope.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.discover.BinarySource;
import io.iptscope.discover.Tool;
import io.iptscope.discover.ToolKind;
import io.iptscope.discover.Variant;
import io.iptscope.exec.CommandLog;
import io.iptscope.exec.CommandRecord;
import io.iptscope.exec.LocalRunner;
import io.iptscope.exec.RecordingRunner;
import io.iptscope.report.DetectionReport;
import io.iptscope.report.DetectionText;
import io.iptscope.report.Reports;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.testing.KubeRules;
import io.iptscope.testing.Requirements;
import io.iptscope.testing.TestNetns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each scenario is built with the real iptables/nft tools in a fresh netns, then detected; every
 * strategy's verdict for both families and the findings are asserted.
 */
class DetectionScenariosTest {

    private static final Family V4 = Family.IPV4;
    private static final Family V6 = Family.IPV6;

    private static final String DOCKER_LEGACY = """
            *nat
            :PREROUTING ACCEPT [0:0]
            :INPUT ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            :POSTROUTING ACCEPT [0:0]
            :DOCKER - [0:0]
            -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
            -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
            -A DOCKER -i docker0 -j RETURN
            COMMIT
            """;

    private static final String KUBELET_HINT = """
            *mangle
            :KUBE-IPTABLES-HINT - [0:0]
            :KUBE-KUBELET-CANARY - [0:0]
            COMMIT
            """;

    private record Run(Inspection inspection, List<CommandRecord> commands) {
        Map<String, VerdictBackend> verdicts(Family f) {
            Map<String, VerdictBackend> out = new LinkedHashMap<>();
            inspection.verdicts().stream().filter(v -> v.family() == f).forEach(v -> out.put(v.strategy().id(), v.backend()));
            // The classic seven; the 2026 strategies are asserted in WritersScenariosTest and StrategiesTest.
            out.keySet().retainAll(List.of("iptscope", "seed", "istio", "wrappers-v1", "wrappers-v2", "wrappers-v3",
                    "calico"));
            return out;
        }

        List<String> findingIds() {
            return inspection.findings().stream().map(fi -> fi.id() + (fi.family() == null ? "" : ":" + fi.family().id()))
                    .distinct().toList();
        }

        /** What the netns holds, as the trusted readers read it. */
        BackendEvidence evidence(Backend b, Family f) {
            return inspection.observation().truth().of(b, f);
        }

        VerdictBackend systemDefault(Family f) {
            return VerdictBackend.of(inspection.observation().binaries().systemDefault(f).orElseThrow());
        }
    }

    private static Run detect(TestNetns ns) throws InspectionException {
        return detect(ns, new BinarySource.ProcessPath(), Duration.ofSeconds(10));
    }

    private static Run detect(TestNetns ns, BinarySource source, Duration timeout) throws InspectionException {
        CommandLog log = new CommandLog();
        Inspection i = new Detector(new RecordingRunner(new LocalRunner(), log), timeout).inspect(ns.target(), source);
        assertEquals(List.of(), AdviceCheck.contradictions(i), "advice contradicts the verdict");
        return new Run(i, log.snapshot());
    }

    private static Map<String, VerdictBackend> expect(VerdictBackend iptscope, VerdictBackend seed, VerdictBackend istio,
                                                      VerdictBackend v1, VerdictBackend v2, VerdictBackend v3,
                                                      VerdictBackend calico) {
        Map<String, VerdictBackend> m = new LinkedHashMap<>();
        m.put("iptscope", iptscope);
        m.put("seed", seed);
        m.put("istio", istio);
        m.put("wrappers-v1", v1);
        m.put("wrappers-v2", v2);
        m.put("wrappers-v3", v3);
        m.put("calico", calico);
        return m;
    }

    private static final VerdictBackend L = VerdictBackend.LEGACY;
    private static final VerdictBackend N = VerdictBackend.NFT;

    @Test
    void nothingAnywhere() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            Run run = detect(ns);
            VerdictBackend def = run.systemDefault(V4);
            for (Family f : Family.values()) {
                assertEquals(expect(def, def, N, L, N, N, L), run.verdicts(f), f.id());
                assertEquals(0, run.evidence(Backend.LEGACY, f).ruleCount());
                assertEquals(List.of(), run.evidence(Backend.LEGACY, f).kernelTables());
                assertEquals(ReadStatus.OK, run.evidence(Backend.NFT, f).status());
            }
            assertEquals(List.of("strategies-disagree:ipv4", "strategies-disagree:ipv6"), run.findingIds());
            // Legacy was only looked at through /proc: no legacy tool ran inside the netns.
            assertTrue(run.commands().stream().noneMatch(c -> c.argv().get(0).equals("nsenter")
                    && c.commandLine().contains("legacy")), run.commands().toString());
        }
    }

    @Test
    void nftOnlyWithAKubeProxyRuleset() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-nft-restore", KubeRules.generate(1000, false));
            ns.restore("iptables-nft-restore", KUBELET_HINT);
            Run run = detect(ns);
            assertEquals(expect(N, N, N, N, N, N, N), run.verdicts(V4));
            BackendEvidence nft = run.evidence(Backend.NFT, V4);
            assertEquals(1000, nft.ruleCount());
            assertTrue(nft.hasMangleHint());
            assertTrue(nft.table("nat").orElseThrow().owners().stream().anyMatch(o -> o.owner().equals("kube-proxy")));
            assertTrue(nft.savedBy().contains("(nf_tables)"), nft.savedBy());
            assertFalse(run.findingIds().contains("both-backends-hold-rules:ipv4"));
            assertFalse(run.findingIds().contains("strategies-disagree:ipv4"), run.findingIds().toString());
            assertFalse(run.inspection().hasErrors(), run.findingIds().toString());
        }
    }

    @Test
    void legacyOnly() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-legacy-restore", KubeRules.generate(1000, false));
            Run run = detect(ns);
            // The generated set carries KUBE-KUBELET-CANARY in filter/nat and KUBE-PROXY-CANARY: wrappers v2/v3
            // grep the whole legacy dump, iptscope follows kube-proxy's canary.
            assertEquals(expect(L, L, L, L, L, L, L), run.verdicts(V4));
            BackendEvidence legacy = run.evidence(Backend.LEGACY, V4);
            assertEquals(1000, legacy.ruleCount());
            assertTrue(legacy.kernelTables().containsAll(List.of("filter", "nat")));
            assertEquals(run.verdicts(V6).get("seed"), run.systemDefault(V6));
            if (run.systemDefault(V4) == N) {
                assertTrue(run.findingIds().contains("plain-points-to-empty:ipv4"), run.findingIds().toString());
            }
        }
    }

    @Test
    void bothBackendsWithKubeletsHintInNft() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-legacy-restore", DOCKER_LEGACY);
            ns.restore("iptables-nft-restore", KubeRules.generate(1000, false));
            ns.restore("iptables-nft-restore", KUBELET_HINT);
            Run run = detect(ns);
            assertEquals(expect(N, N, L, N, N, N, N), run.verdicts(V4));
            assertTrue(run.findingIds().containsAll(List.of("both-backends-hold-rules:ipv4", "strategies-disagree:ipv4")));
            Finding both = run.inspection().findings().stream().filter(f -> f.id().equals("both-backends-hold-rules"))
                    .findFirst().orElseThrow();
            assertTrue(both.message().contains("docker") && both.message().contains("kube-proxy"), both.message());
            assertTrue(run.evidence(Backend.NFT, V4).legacyWarning(), "iptables-nft-save warns about legacy tables");
            assertTrue(run.inspection().hasErrors());
        }
    }

    @Test
    void bothBackendsWithTheCanaryInLegacy() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-legacy-restore", DOCKER_LEGACY + """
                    *mangle
                    :PREROUTING ACCEPT [0:0]
                    :KUBE-KUBELET-CANARY - [0:0]
                    COMMIT
                    """);
            ns.restore("iptables-nft-restore", KubeRules.generate(1000, false).replace("KUBE-KUBELET-CANARY", "KUBE-X-CANARY")
                    .replace("KUBE-PROXY-CANARY", "KUBE-Y-CANARY"));
            Run run = detect(ns);
            assertEquals(expect(L, N, L, N, L, L, L), run.verdicts(V4));
            assertTrue(run.findingIds().contains("both-backends-hold-rules:ipv4"));
            assertTrue(run.findingIds().contains("hint-rules-mismatch:ipv4"), run.findingIds().toString());
        }
    }

    @Test
    void ipv4OnLegacyAndIpv6OnNft() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-legacy-restore", DOCKER_LEGACY);
            String v6 = KubeRules.generate(200, true);
            ns.restore("ip6tables-nft-restore", v6);
            Run run = detect(ns);
            assertEquals(L, run.verdicts(V4).get("iptscope"));
            assertEquals(N, run.verdicts(V6).get("iptscope"));
            assertEquals(L, run.verdicts(V4).get("istio"));
            assertEquals(N, run.verdicts(V6).get("istio"));
            // The wrappers and Calico sum both families: one answer for both, nft has more rules.
            for (String s : List.of("wrappers-v1", "wrappers-v2", "calico")) {
                assertEquals(run.verdicts(V4).get(s), run.verdicts(V6).get(s), s);
            }
            assertEquals(N, run.verdicts(V4).get("wrappers-v1"));
            assertTrue(run.findingIds().contains("family-split"), run.findingIds().toString());
            assertEquals(v6.lines().filter(l -> l.startsWith("-A ")).count(), run.evidence(Backend.NFT, V6).ruleCount());
            assertEquals(N, run.verdicts(V6).get("seed"));
        }
    }

    @Test
    void emptyLegacyTablesOnly() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            // A read that writes: this is exactly what probes do to a netns.
            ns.exec("iptables-legacy", "-t", "nat", "-L", "-n");
            ns.restore("iptables-nft-restore", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n");
            Run run = detect(ns);
            BackendEvidence legacy = run.evidence(Backend.LEGACY, V4);
            assertEquals(List.of("nat"), legacy.kernelTables());
            assertEquals(0, legacy.ruleCount());
            assertTrue(legacy.dumpLines() >= IstioStrategy.EXISTING_RULES_MIN_NEWLINES);
            assertTrue(run.evidence(Backend.NFT, V4).legacyWarning());
            assertEquals(L, run.verdicts(V4).get("istio"), "Istio counts the empty table's lines");
            assertEquals(N, run.verdicts(V4).get("iptscope"));
            assertTrue(run.findingIds().contains("legacy-warning-empty-tables:ipv4"), run.findingIds().toString());
        }
    }

    @Test
    void aNativeNftTableWithADropPolicy() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.exec("nft", "add", "table", "inet", "filter");
            ns.exec("nft", "add", "chain", "inet", "filter", "input",
                    "{ type filter hook input priority 0; policy drop; }");
            ns.restore("iptables-nft-restore", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -s 10.0.0.0/8 -j ACCEPT\nCOMMIT\n");
            Run run = detect(ns);
            NftTablesEvidence nft = run.inspection().observation().evidence().nftTables();
            assertEquals(List.of("inet filter"), nft.nativeTables().stream().map(NftTablesEvidence.NftTable::qualifiedName).toList());
            assertTrue(nft.tables().stream().anyMatch(t -> t.qualifiedName().equals("ip filter")
                    && t.managedBy().equals("iptables-nft")));
            // The native drop policy meets rules that accept on the same hook in iptables-nft: an interaction.
            Finding f = run.inspection().findings().stream().filter(x -> x.id().equals("hook-blocked"))
                    .findFirst().orElseThrow(() -> new AssertionError(run.findingIds()));
            assertEquals(Severity.ERROR, f.severity());
            assertTrue(f.message().contains("native inet filter input has policy drop"), f.message());
            assertTrue(f.message().contains("iptables-nft filter INPUT"), f.message());
            assertEquals(N, run.verdicts(V4).get("iptscope"));
        }
    }

    @Test
    void aPathDirectoryWithOnlyNftBinaries(@TempDir Path dir) throws Exception {
        String multi = Requirements.which("xtables-nft-multi");
        for (Family f : Family.values()) {
            for (Variant v : List.of(Variant.PLAIN, Variant.NFT)) {
                for (ToolKind k : ToolKind.values()) {
                    Files.createSymbolicLink(dir.resolve(Tool.of(f, v, k).name()), Path.of(multi));
                }
            }
        }
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-legacy-restore", DOCKER_LEGACY);
            Run run = detect(ns, new BinarySource.Dirs(List.of(dir.toString())), Duration.ofSeconds(10));
            // What the component could see with its binaries: nothing in legacy.
            BackendEvidence seen = run.inspection().observation().evidence().of(Backend.LEGACY, V4);
            assertEquals(ReadStatus.MISSING_BINARY, seen.status());
            assertEquals(List.of("nat"), seen.kernelTables());
            // What the netns holds, read with the host's own tools.
            BackendEvidence legacy = run.evidence(Backend.LEGACY, V4);
            assertEquals(ReadStatus.OK, legacy.status());
            assertEquals(3, legacy.ruleCount());
            // The components are blind to legacy; iptscope is not. Calico's "legacy" read falls back to the plain
            // iptables-save, which is nft here: 0 = 0, a tie to legacy.
            assertEquals(expect(L, N, N, VerdictBackend.NONE, VerdictBackend.NONE, N, L), run.verdicts(V4));
            Finding f = run.inspection().findings().stream().filter(x -> x.id().equals("chosen-binaries-missing")
                    && x.family() == V4).findFirst().orElseThrow(() -> new AssertionError(run.findingIds()));
            assertTrue(f.message().contains("the rules are in legacy"), f.message());
            assertFalse(run.findingIds().contains("read-incomplete:ipv4"), run.findingIds().toString());
        }
    }

    @Test
    void aPathDirectoryWithOnlyLegacyBinariesOnAnNftNode(@TempDir Path dir) throws Exception {
        String multi = Requirements.which("xtables-legacy-multi");
        for (Family f : Family.values()) {
            for (Variant v : List.of(Variant.PLAIN, Variant.LEGACY)) {
                for (ToolKind k : ToolKind.values()) {
                    Files.createSymbolicLink(dir.resolve(Tool.of(f, v, k).name()), Path.of(multi));
                }
            }
        }
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-nft-restore", KUBELET_HINT + DOCKER_LEGACY);
            Run run = detect(ns, new BinarySource.Dirs(List.of(dir.toString())), Duration.ofSeconds(10));
            assertEquals(ReadStatus.OK, run.evidence(Backend.NFT, V4).status(), "read with the host's iptables-nft");
            assertEquals(3, run.evidence(Backend.NFT, V4).ruleCount());
            assertEquals(N, run.verdicts(V4).get("iptscope"));
            Finding f = run.inspection().findings().stream().filter(x -> x.id().equals("chosen-binaries-missing")
                    && x.family() == V4).findFirst().orElseThrow(() -> new AssertionError(run.findingIds()));
            assertTrue(f.message().contains("the rules are in nft"), f.message());
            assertTrue(run.inspection().findings().stream().noneMatch(x -> x.message().contains("rules are in legacy")));
        }
    }

    @Test
    void aHangingSaveIsATimeoutAndDetectionStillCompletes(@TempDir Path dir) throws Exception {
        for (Tool t : Tool.ALL) {
            String real = Requirements.which(t.name());
            if (real != null) {
                Files.createSymbolicLink(dir.resolve(t.name()), Path.of(real));
            }
        }
        Files.delete(dir.resolve("iptables-nft-save"));
        hangingScript(dir.resolve("iptables-nft-save"));
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("ip6tables-nft-restore", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j ACCEPT\nCOMMIT\n");
            // The directory stands in for the host's own tools: they are what reads the netns.
            BinarySource hanging = new BinarySource.Dirs(List.of(dir.toString()));
            CommandLog log = new CommandLog();
            Inspection i = new Detector(new RecordingRunner(new LocalRunner(), log), Duration.ofSeconds(1))
                    .inspect(ns.target(), hanging, hanging);
            Run run = new Run(i, log.snapshot());
            BackendEvidence nft4 = run.evidence(Backend.NFT, V4);
            assertEquals(ReadStatus.TIMEOUT, nft4.status());
            assertEquals(0, nft4.tables().size());
            assertEquals(1, run.evidence(Backend.NFT, V6).ruleCount());
            assertTrue(run.commands().stream().anyMatch(CommandRecord::timedOut));
            assertTrue(run.findingIds().contains("read-incomplete:ipv4"));
            assertNotNull(run.inspection().verdicts());
            // Every ipv4 verdict leaned on the lost read; the ipv6 ones read everything they needed.
            for (Verdict v : run.inspection().verdicts()) {
                if (v.family() == V4) {
                    assertEquals(Confidence.UNCONFIRMED, v.confidence(), v.strategy().id());
                    assertEquals(List.of("nft ipv4: timeout"), v.unconfirmedBy(), v.strategy().id());
                } else {
                    assertEquals(Confidence.CONFIRMED, v.confidence(), v.strategy().id());
                }
            }
            DetectionReport report = DetectionReport.of(run.inspection(), "local", run.commands(), Instant.now());
            assertTrue(Reports.toJson(report).contains("\"confidence\" : \"unconfirmed\""), "JSON");
            String text = DetectionText.render(report, Strategies.RECOMMENDED, false);
            assertTrue(text.contains("UNCONFIRMED"), text);
            assertTrue(text.contains("unconfirmed: these reads did not complete: nft ipv4: timeout"), text);
        }
    }

    @Test
    void aHundredThousandRuleReadCompletesWithinTheDefaultTimeout() throws Exception {
        String rules = KubeRules.generate(100_000, false);
        long expected = rules.lines().filter(l -> l.startsWith("-A ")).count();
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-nft-restore", rules);
            // 5 s is the CLI's default: an nft save of 100k rules takes about that long on a busy machine.
            Run run = detect(ns, new BinarySource.ProcessPath(), Duration.ofSeconds(5));
            BackendEvidence nft4 = run.evidence(Backend.NFT, V4);
            assertEquals(ReadStatus.OK, nft4.status(), nft4.detail());
            assertEquals(expected, nft4.ruleCount());
            assertTrue(run.commands().stream().noneMatch(CommandRecord::timedOut));
            assertTrue(run.inspection().verdicts().stream().allMatch(v -> v.confidence() == Confidence.CONFIRMED));
            assertTrue(run.commands().stream().noneMatch(c -> c.commandLine().contains("list tables")),
                    "the O(ruleset) nft table listing ran");
        }
    }

    @Test
    void aSlowButProgressingSaveIsNotKilled(@TempDir Path dir) throws Exception {
        for (Tool t : Tool.ALL) {
            String real = Requirements.which(t.name());
            if (real != null) {
                Files.createSymbolicLink(dir.resolve(t.name()), Path.of(real));
            }
        }
        Files.delete(dir.resolve("iptables-nft-save"));
        // Prints its real dump, then keeps printing comment lines 0.3 s apart for three times the 1 s timeout.
        Files.writeString(dir.resolve("iptables-nft-save"), "#!/bin/sh\n" + Requirements.which("iptables-nft-save")
                + " \"$@\" || exit $?\nfor i in 1 2 3 4 5 6 7 8 9 10; do echo \"# still reading $i\"; sleep 0.3; done\n");
        Files.setPosixFilePermissions(dir.resolve("iptables-nft-save"), PosixFilePermissions.fromString("rwxr-xr-x"));
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-nft-restore", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j ACCEPT\nCOMMIT\n");
            Run run = detect(ns, new BinarySource.Dirs(List.of(dir.toString())), Duration.ofSeconds(1));
            BackendEvidence nft4 = run.evidence(Backend.NFT, V4);
            assertEquals(ReadStatus.OK, nft4.status(), nft4.detail());
            assertEquals(1, nft4.ruleCount());
            assertTrue(run.commands().stream().noneMatch(CommandRecord::timedOut));
            assertTrue(run.inspection().verdicts().stream().allMatch(v -> v.confidence() == Confidence.CONFIRMED));
        }
    }

    @Test
    void detectionChangesNothingInTheKernel() throws Exception {
        try (TestNetns fresh = TestNetns.create(); TestNetns loaded = TestNetns.create()) {
            loaded.restore("iptables-legacy-restore", DOCKER_LEGACY);
            loaded.restore("iptables-nft-restore", KUBELET_HINT);
            loaded.restore("ip6tables-nft-restore", "*filter\n:INPUT DROP [0:0]\nCOMMIT\n");
            for (TestNetns ns : List.of(fresh, loaded)) {
                List<String> before = ns.kernelState();
                detect(ns);
                assertEquals(before, ns.kernelState(), "detection changed " + ns.name());
            }
            assertEquals("v4 legacy: ", fresh.kernelState().get(0));
        }
    }

    @Test
    void aMissingNetnsCannotBeInspected() {
        Requirements.requireNetnsTools();
        InspectionException e = org.junit.jupiter.api.Assertions.assertThrows(InspectionException.class,
                () -> new Detector(new LocalRunner(), Duration.ofSeconds(5)).inspect(
                        new io.iptscope.exec.NetnsTarget.Named("iptscope-t-does-not-exist"), new BinarySource.ProcessPath()));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    private static void hangingScript(Path p) throws IOException {
        Files.writeString(p, "#!/bin/sh\nexec sleep 120\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
