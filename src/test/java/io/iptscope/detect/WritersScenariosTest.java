package io.iptscope.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.discover.BinarySource;
import io.iptscope.exec.LocalRunner;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.testing.KubeRules;
import io.iptscope.testing.TestNetns;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Nodes as the components of 2026 leave them: native nft tables built the way kube-proxy, Docker 29, Calico, Istio,
 * netavark and firewalld write them (test resources {@code writers/*.nft}), with the iptables leftovers of their
 * earlier modes. Each scenario asserts the verdicts, owners, leftovers, the blocking chain and the findings that must
 * and must not appear; every detection is proved read-only and its advice consistent with its verdict.
 */
class WritersScenariosTest {

    private static final Family V4 = Family.IPV4;
    private static final VerdictBackend L = VerdictBackend.LEGACY;
    private static final VerdictBackend N = VerdictBackend.NFT;

    private static final String KUBELET_HINT = "*mangle\n:KUBE-IPTABLES-HINT - [0:0]\nCOMMIT\n";

    /** Docker 28's iptables backend, as it leaves iptables before Docker 29 moves to nftables. */
    private static final String DOCKER_IPTABLES = """
            *nat
            :PREROUTING ACCEPT [0:0]
            :INPUT ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            :POSTROUTING ACCEPT [0:0]
            :DOCKER - [0:0]
            -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
            -A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
            -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
            COMMIT
            *filter
            :INPUT ACCEPT [0:0]
            :FORWARD DROP [0:0]
            :OUTPUT ACCEPT [0:0]
            :DOCKER - [0:0]
            :DOCKER-BRIDGE - [0:0]
            :DOCKER-CT - [0:0]
            :DOCKER-FORWARD - [0:0]
            :DOCKER-ISOLATION-STAGE-1 - [0:0]
            :DOCKER-ISOLATION-STAGE-2 - [0:0]
            :DOCKER-USER - [0:0]
            -A FORWARD -j DOCKER-USER
            -A FORWARD -j DOCKER-FORWARD
            -A DOCKER ! -i docker0 -o docker0 -j DROP
            -A DOCKER-BRIDGE -o docker0 -j DOCKER
            -A DOCKER-CT -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
            -A DOCKER-FORWARD -j DOCKER-CT
            -A DOCKER-FORWARD -j DOCKER-ISOLATION-STAGE-1
            -A DOCKER-FORWARD -j DOCKER-BRIDGE
            -A DOCKER-FORWARD -i docker0 -j ACCEPT
            -A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2
            -A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP
            COMMIT
            """;

    private record Run(Inspection inspection) {
        /** The text view, without colours. */
        String text() {
            return io.iptscope.report.DetectionText.render(io.iptscope.report.DetectionReport.of(inspection, "local",
                    List.of(), java.time.Instant.now()), StrategyId.IPTSCOPE, false);
        }

        Map<String, VerdictBackend> verdicts(Family f) {
            Map<String, VerdictBackend> out = new LinkedHashMap<>();
            inspection.verdicts().stream().filter(v -> v.family() == f).forEach(v -> out.put(v.strategy().id(), v.backend()));
            return out;
        }

        List<String> ids() {
            return inspection.findings().stream().map(fi -> fi.id() + (fi.family() == null ? "" : ":" + fi.family().id()))
                    .distinct().toList();
        }

        List<Finding> findings(String id) {
            return inspection.findings().stream().filter(f -> f.id().equals(id)).toList();
        }

        NodeView node() {
            return inspection.observation().node();
        }

        List<Staleness.StaleSet> stale(String owner) {
            return node().staleness().sets().stream().filter(s -> s.owner().equals(owner)).toList();
        }

        List<String> owners() {
            return node().ownership().writers().stream().map(p -> p.owner() + "@" + p.writer() + ":" + p.table())
                    .distinct().toList();
        }

        List<HookPipeline.Stage> blocking(Family f, String hook) {
            return node().pipeline().hook(f, hook).map(HookPipeline.Hook::blocking).orElse(List.of());
        }
    }

    private static Run detect(TestNetns ns) throws InspectionException {
        List<String> before = ns.kernelState();
        Inspection i = new Detector(new LocalRunner(), Duration.ofSeconds(10)).inspect(ns.target(),
                new BinarySource.ProcessPath());
        assertEquals(before, ns.kernelState(), "detection changed the netns");
        assertEquals(List.of(), AdviceCheck.contradictions(i), "advice contradicts the verdict");
        return new Run(i);
    }

    private static void nft(TestNetns ns, String resource) {
        ns.execWithInput(load(resource), "nft", "-f", "-");
    }

    private static String load(String resource) {
        try (InputStream in = WritersScenariosTest.class.getResourceAsStream("writers/" + resource)) {
            assertNotNull(in, resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, VerdictBackend> classic(Run run, Family f) {
        Map<String, VerdictBackend> m = new LinkedHashMap<>(run.verdicts(f));
        m.keySet().retainAll(List.of("iptscope", "seed", "istio", "wrappers-v1", "wrappers-v2", "wrappers-v3", "calico"));
        return m;
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

    @Test
    void healthyKubeProxyNftablesNode() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            nft(ns, "kube-proxy-nftables.nft");
            ns.restore("iptables-nft-restore", KUBELET_HINT);
            Run run = detect(ns);
            assertEquals("nftables", run.node().ownership().modes().get("kube-proxy"));
            assertTrue(run.owners().containsAll(List.of("kube-proxy@native:ip kube-proxy", "kubelet@iptables-nft:mangle")),
                    run.owners().toString());
            assertEquals(N, run.verdicts(V4).get("iptscope"));
            Map<String, VerdictBackend> all = run.verdicts(V4);
            assertEquals(expect(N, N, N, L, N, N, N), classic(run, V4));
            assertEquals(VerdictBackend.NONE, all.get("kube-proxy"), "nftables mode writes no iptables");
            assertEquals(N, all.get("calico-nft-auto"), "felix follows kube-proxy's nft table");
            assertEquals(L, all.get("kind"), "kind's v1 count ties to legacy");
            assertEquals(run.inspection().observation().binaries().systemDefault(V4).map(VerdictBackend::of)
                    .orElseThrow(), all.get("k3s-root"), "k3s-root: tie, not in a container, alternatives");
            assertEquals(N, all.get("docker-dind"));
            assertEquals(List.of(), run.node().staleness().sets());
            // Coexistence without interaction: nothing to warn about but the disagreeing detectors.
            assertTrue(run.inspection().findings().stream().allMatch(f -> f.id().equals("strategies-disagree")),
                    run.ids().toString());
            // Kernel order: iptables-nft's mangle (kubelet's hint table) at -150, then kube-proxy's filter-forward at -110.
            HookPipeline.Hook fwd = run.node().pipeline().hook(V4, "forward").orElseThrow();
            assertEquals(List.of("iptables-nft mangle FORWARD@-150", "native ip kube-proxy filter-forward@-110"),
                    fwd.stages().stream().map(st -> st.describe() + "@" + st.priority()).toList());
            assertEquals(List.of(), fwd.blocking());
            assertEquals(List.of("kube-proxy"), fwd.stages().get(1).owners());
        }
    }

    @Test
    void kubeProxyMovedToNftablesAndLeftItsIptablesRulesInLegacy() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            // kube-proxy's own leftovers: kubelet's chains (KUBE-FIREWALL, its canary) are not part of them.
            String leftovers = KubeRules.generate(300, false).lines()
                    .filter(l -> !l.contains("KUBE-FIREWALL") && !l.contains(Markers.KUBE_KUBELET_CANARY))
                    .collect(Collectors.joining("\n", "", "\n"));
            ns.restore("iptables-legacy-restore", leftovers);
            nft(ns, "kube-proxy-nftables.nft");
            Run run = detect(ns);
            // KUBE-PROXY-CANARY in legacy is a leftover: it no longer outranks the live table ip kube-proxy.
            assertEquals(N, run.verdicts(V4).get("iptscope"), run.inspection().verdicts().get(0).trace().toString());
            assertEquals("nftables", run.node().ownership().modes().get("kube-proxy"));
            List<Staleness.StaleSet> stale = run.stale("kube-proxy");
            assertFalse(stale.isEmpty());
            assertTrue(stale.stream().allMatch(s -> s.backend() == Backend.LEGACY && s.family() == V4));
            assertTrue(stale.stream().anyMatch(Staleness.StaleSet::hasCanary));
            Staleness.StaleSet nat = stale.stream().filter(s -> s.table().equals("nat")).findFirst().orElseThrow();
            assertTrue(nat.cleanup().stream().anyMatch(c -> c.startsWith("iptables-legacy -t nat -D PREROUTING ")),
                    nat.cleanup().toString());
            assertTrue(nat.cleanup().stream().anyMatch(c -> c.contains("-X")), nat.cleanup().toString());
            // The kubelet canary the generator leaves in legacy belongs to kubelet, not to the leftovers.
            assertTrue(stale.stream().noneMatch(s -> s.chains().contains(Markers.KUBE_KUBELET_CANARY)));
            Finding f = run.findings("stale-rules").get(0);
            assertTrue(f.action().contains("iptables-legacy -t "), f.action());
            assertTrue(f.action().contains("kube-proxy --cleanup"), f.action());
            assertFalse(run.ids().contains("plain-points-to-empty:ipv4"), run.ids().toString());
            assertFalse(run.ids().contains("both-backends-hold-rules:ipv4"), run.ids().toString());
            assertFalse(run.ids().contains("family-split"), run.ids().toString());
        }
    }

    @Test
    void docker29NftablesWithItsIptablesLeftoversAndTheForwardDrop() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-nft-restore", DOCKER_IPTABLES);
            nft(ns, "docker29-nftables.nft");
            Run run = detect(ns);
            assertEquals("nftables", run.node().ownership().modes().get("docker"));
            List<Staleness.StaleSet> stale = run.stale("docker");
            Staleness.StaleSet filter = stale.stream().filter(s -> s.table().equals("filter")).findFirst().orElseThrow();
            assertEquals(Backend.NFT, filter.backend());
            assertFalse(filter.chains().contains("DOCKER-USER"));
            assertTrue(filter.chains().contains("DOCKER-FORWARD"));
            assertTrue(filter.kept().contains("DOCKER-USER") && filter.kept().contains("FORWARD policy"), filter.kept());
            assertTrue(filter.cleanup().contains("iptables-nft -t filter -D FORWARD -j DOCKER-FORWARD"),
                    filter.cleanup().toString());
            assertTrue(filter.cleanup().stream().noneMatch(c -> c.contains("DOCKER-USER")), filter.cleanup().toString());
            // The nat MASQUERADE for docker0 is Docker's by its interface.
            Staleness.StaleSet nat = stale.stream().filter(s -> s.table().equals("nat")).findFirst().orElseThrow();
            assertTrue(nat.cleanup().stream().anyMatch(c -> c.contains("-D POSTROUTING -s 172.17.0.0/16 ! -o docker0")),
                    nat.cleanup().toString());
            // The blocking chain: the iptables-nft FORWARD policy, which Docker 29 still honours.
            List<HookPipeline.Stage> blocking = run.blocking(V4, "forward");
            assertEquals(List.of("iptables-nft filter FORWARD"), blocking.stream().map(HookPipeline.Stage::describe).toList());
            Finding blocked = run.findings("hook-blocked").get(0);
            assertEquals(Severity.ERROR, blocked.severity());
            assertTrue(blocked.message().contains("docker") && blocked.message().contains("native ip docker-bridges"),
                    blocked.message());
            assertTrue(blocked.action().contains("iptables-nft -t filter -P FORWARD ACCEPT"), blocked.action());
            assertTrue(blocked.action().contains("DOCKER-USER"), blocked.action());
            assertTrue(run.inspection().hasErrors());
            // The text view says who writes where, what is left over and what blocks.
            String text = run.text();
            assertTrue(text.contains("docker          [nftables mode]"), text);
            assertTrue(text.contains("iptables-nft ipv4 filter (") && text.contains(") STALE"), text);
            assertTrue(text.contains("BLOCKS 0 iptables-nft filter FORWARD drop"), text);
            assertTrue(text.contains("DOCKER-USER and the FORWARD policy stay in effect"), text);
            System.out.println(text);
        }
    }

    @Test
    void calicoNftablesWithLegacyLeftovers() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-legacy-restore", """
                    *filter
                    :INPUT ACCEPT [0:0]
                    :FORWARD ACCEPT [0:0]
                    :OUTPUT ACCEPT [0:0]
                    :cali-FORWARD - [0:0]
                    :cali-INPUT - [0:0]
                    -A INPUT -m comment --comment "cali:Cz_u1IQiXIMmKD4c" -j cali-INPUT
                    -A FORWARD -m comment --comment "cali:wUHhoiAYhphO9Mso" -j cali-FORWARD
                    -A cali-FORWARD -i cali+ -m comment --comment "cali:8ZoYfO5HKXWbB3pk" -j ACCEPT
                    COMMIT
                    """);
            nft(ns, "calico-nftables.nft");
            ns.restore("iptables-nft-restore", KUBELET_HINT);
            Run run = detect(ns);
            assertEquals("nftables", run.node().ownership().modes().get("calico"));
            assertTrue(run.owners().contains("calico@native:ip calico"), run.owners().toString());
            Staleness.StaleSet s = run.stale("calico").get(0);
            assertEquals(Backend.LEGACY, s.backend());
            assertEquals(List.of("cali-FORWARD", "cali-INPUT"), s.chains());
            assertEquals(3, s.rules(), "the rule in cali-FORWARD and the two jumps into Calico's chains");
            assertEquals(N, run.verdicts(V4).get("iptscope"));
            assertTrue(run.ids().contains("stale-rules:ipv4"));
            assertFalse(run.ids().contains("both-backends-hold-rules:ipv4"), run.ids().toString());
            assertTrue(run.findings("hook-blocked").isEmpty(), run.ids().toString());
        }
    }

    @Test
    void istioNativeNftablesWithIptablesLeftovers() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-nft-restore", """
                    *nat
                    :PREROUTING ACCEPT [0:0]
                    :INPUT ACCEPT [0:0]
                    :OUTPUT ACCEPT [0:0]
                    :POSTROUTING ACCEPT [0:0]
                    :ISTIO_INBOUND - [0:0]
                    :ISTIO_IN_REDIRECT - [0:0]
                    :ISTIO_OUTPUT - [0:0]
                    :ISTIO_REDIRECT - [0:0]
                    -A PREROUTING -p tcp -j ISTIO_INBOUND
                    -A OUTPUT -j ISTIO_OUTPUT
                    -A ISTIO_INBOUND -p tcp --dport 15008 -j RETURN
                    -A ISTIO_INBOUND -p tcp -j ISTIO_IN_REDIRECT
                    -A ISTIO_IN_REDIRECT -p tcp -j REDIRECT --to-ports 15006
                    -A ISTIO_OUTPUT -j ISTIO_REDIRECT
                    -A ISTIO_REDIRECT -p tcp -j REDIRECT --to-ports 15001
                    COMMIT
                    """);
            nft(ns, "istio-native.nft");
            Run run = detect(ns);
            assertEquals("nftables", run.node().ownership().modes().get("istio"));
            assertTrue(run.owners().containsAll(List.of("istio@native:inet istio-proxy-nat",
                    "istio@native:inet istio-proxy-mangle")), run.owners().toString());
            Staleness.StaleSet s = run.stale("istio").get(0);
            assertEquals(Backend.NFT, s.backend());
            assertEquals(4, s.chains().size());
            assertEquals(7, s.rules(), "5 rules in ISTIO_* chains and the 2 jumps into them");
            // Leftovers are all nft holds: the verdict must not rest on them.
            assertEquals(0, run.node().liveRules(run.inspection().observation().truth().of(Backend.NFT, V4)));
            assertTrue(run.findings("native-nft-table-unknown-owner").isEmpty());
            // Both inet tables sit on both families' hooks.
            assertTrue(run.node().pipeline().hook(Family.IPV6, "prerouting").orElseThrow().stages().stream()
                    .anyMatch(st -> st.table().equals("inet istio-proxy-nat")));
        }
    }

    @Test
    void netavarkNftablesMeetsALegacyForwardDropWithNoRules() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-legacy-restore", "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n"
                    + ":OUTPUT ACCEPT [0:0]\nCOMMIT\n");
            nft(ns, "netavark-nftables.nft");
            Run run = detect(ns);
            assertTrue(run.owners().contains("netavark@native:inet netavark"), run.owners().toString());
            assertEquals(List.of("legacy filter FORWARD"), run.blocking(V4, "forward").stream()
                    .map(HookPipeline.Stage::describe).toList());
            Finding f = run.findings("hook-blocked").stream().filter(x -> x.family() == V4).findFirst().orElseThrow();
            assertEquals(Severity.ERROR, f.severity());
            assertTrue(f.message().contains("legacy filter FORWARD has policy drop with 0 rules"), f.message());
            assertTrue(f.message().contains("netavark") && f.message().contains("inet netavark"), f.message());
            assertTrue(f.action().startsWith("iptables-legacy -t filter -P FORWARD ACCEPT"), f.action());
            assertTrue(f.action().contains("-i podman+"), f.action());
            // A DROP policy is not harmless probe debris.
            assertFalse(run.ids().contains("legacy-warning-empty-tables:ipv4"), run.ids().toString());
            assertTrue(run.inspection().hasErrors());
        }
    }

    @Test
    void firewalldRejectsWhatDockerForwardsInLegacy() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-legacy-restore", DOCKER_IPTABLES);
            nft(ns, "firewalld-nftables.nft");
            Run run = detect(ns);
            assertTrue(run.owners().contains("firewalld@native:inet firewalld"), run.owners().toString());
            assertEquals("iptables", run.node().ownership().modes().get("docker"));
            List<HookPipeline.Stage> blocking = run.blocking(V4, "forward");
            assertTrue(blocking.stream().anyMatch(s -> s.describe().equals("native inet firewalld filter_FORWARD")
                    && "reject".equals(s.endsWith())), blocking.toString());
            Finding f = run.findings("hook-blocked").stream()
                    .filter(x -> x.message().contains("inet firewalld filter_FORWARD")).findFirst().orElseThrow();
            assertTrue(f.message().contains("a catch-all reject at its end"), f.message());
            assertTrue(f.message().contains("docker"), f.message());
            assertTrue(f.action().contains("firewall-cmd --permanent --zone=trusted --add-interface=docker0"), f.action());
            // Docker's own FORWARD DROP in legacy holds Docker's accepts: no interaction there.
            assertTrue(run.findings("hook-blocked").stream().noneMatch(x -> x.message().startsWith("ipv4 forward: legacy")),
                    run.findings("hook-blocked").stream().map(Finding::message).collect(Collectors.joining("\n")));
            assertTrue(run.stale("docker").isEmpty());
        }
    }

    /** Docker's zone as dockerd asks firewalld for it (target ACCEPT), with docker0 dispatched to {@code zone}. */
    private static String dockerZone(String match, String zone) {
        return """
                table inet firewalld {
                	set docker_ifaces {
                		type ifname
                		elements = { "docker0" }
                	}
                	chain filter_FWD_docker_allow {
                	}
                	chain filter_FWD_docker {
                		jump filter_FWD_docker_allow
                		accept
                	}
                }
                insert rule inet firewalld filter_FORWARD_ZONES %s goto %s
                """.formatted(match, zone);
    }

    /** Docker's legacy rules and firewalld's table with docker0 dispatched as given: the one finding about it. */
    /** The finding about firewalld's forward chain, and the text view of the same detection. */
    private record Docker0(Finding finding, String text) {
    }

    private static Docker0 firewalldWithDocker0(String match, String zone, String id, Severity severity)
            throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-legacy-restore", DOCKER_IPTABLES);
            nft(ns, "firewalld-nftables.nft");
            ns.execWithInput(dockerZone(match, zone), "nft", "-f", "-");
            Run run = detect(ns);
            assertTrue(run.owners().containsAll(List.of("docker@legacy:filter", "firewalld@native:inet firewalld")),
                    run.owners().toString());
            assertTrue(run.blocking(V4, "forward").stream().anyMatch(st -> st.describe()
                    .equals("native inet firewalld filter_FORWARD")), run.blocking(V4, "forward").toString());
            List<Finding> about = run.inspection().findings().stream().filter(f -> f.family() == V4
                    && f.message().contains("inet firewalld filter_FORWARD")).toList();
            assertEquals(List.of(id), about.stream().map(Finding::id).toList(), about.toString());
            assertEquals(severity, about.get(0).severity());
            return new Docker0(about.get(0), run.text());
        }
    }

    @Test
    void firewalldPassesDocker0InDockersZone() throws Exception {
        Docker0 seen = firewalldWithDocker0("iifname \"docker0\"", "filter_FWD_docker", "hook-passed",
                Severity.INFO);
        Finding f = seen.finding();
        assertTrue(f.message().contains("lets docker's traffic through before it (iifname \"docker0\" accept in "
                + "filter_FWD_docker)"), f.message());
        // The pipeline line still marks the chain as blocking, and says which interface it passes.
        assertTrue(seen.text().contains("filter_FORWARD accept/7 ends reject [firewalld] (passes iifname lo in "
                + "filter_FORWARD, iifname docker0 in filter_FWD_docker)"), seen.text());
        // Traffic to docker0, and from Docker bridges firewalld does not name, still reaches filter_FORWARD's reject.
        assertTrue(f.impact().contains("oifname \"docker0\" reject in filter_FORWARD"), f.impact());
        assertTrue(f.impact().contains("(docker_gwbridge, br-*) is not let through (iifname (any other) reject in "
                + "filter_FORWARD)"), f.impact());
    }

    @Test
    void firewalldRejectsDocker0InThePublicZone() throws Exception {
        // firewalld names docker0, but its zone has no accept: the reject at the end of filter_FORWARD still applies.
        Docker0 seen = firewalldWithDocker0("iifname \"docker0\"", "filter_FWD_public", "hook-blocked",
                Severity.ERROR);
        Finding f = seen.finding();
        assertTrue(seen.text().contains("filter_FORWARD accept/7 ends reject [firewalld] (passes iifname lo in "
                + "filter_FORWARD)\n"), seen.text());
        assertFalse(seen.text().contains("docker0 in"), seen.text());
        assertTrue(f.message().contains("its verdicts on docker's interfaces: iifname \"docker0\" reject in "
                + "filter_FORWARD"), f.message());
        assertTrue(f.action().contains("firewall-cmd --permanent --zone=trusted --add-interface=docker0"), f.action());
    }

    @Test
    void firewalldDispatchingDocker0ByANamedSetIsAWarning() throws Exception {
        // Whether @docker_ifaces holds docker0 is not read: the chain may accept it, so no error is claimed.
        Finding f = firewalldWithDocker0("iifname @docker_ifaces", "filter_FWD_docker", "hook-blocked",
                Severity.WARNING).finding();
        assertTrue(f.message().contains("cannot be told") && f.message().contains("iifname (any other) unknown"),
                f.message());
        assertTrue(f.impact().startsWith("if it does not: "), f.impact());
        assertTrue(f.action().startsWith("read its rules for them (nft list table inet firewalld); if they do not "
                + "accept: let firewalld pass it"), f.action());
    }

    @Test
    void kubeletHintInBothBackendsIsContradictory() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-legacy-restore", KUBELET_HINT);
            ns.restore("iptables-nft-restore", KUBELET_HINT);
            nft(ns, "kube-proxy-nftables.nft");
            Run run = detect(ns);
            Finding f = run.findings("kubelet-hint-contradictory").get(0);
            assertTrue(f.message().contains("both legacy and nft"), f.message());
            assertEquals(V4, f.family());
        }
    }
}
