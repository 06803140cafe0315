package io.iptscope.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.discover.BinarySource;
import io.iptscope.exec.LocalRunner;
import io.iptscope.report.DetectionReport;
import io.iptscope.report.DetectionText;
import io.iptscope.report.Reports;
import io.iptscope.rules.Family;
import io.iptscope.testing.RealPrograms;
import io.iptscope.testing.RealPrograms.Mount;
import io.iptscope.testing.Requirements;
import io.iptscope.testing.TestNetns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The real writers Debian 12 ships (docker.io's dockerd, ufw, fail2ban, netavark, firewalld), each started inside a
 * test netns with its state in a private directory and private mounts, writing its own rules; iptscope's detection
 * is then asserted on that netns: verdicts, owners, leftovers, the blocking chains, findings, read-only.
 */
class RealWritersTest {

    private static final Family V4 = Family.IPV4;
    private static final Family V6 = Family.IPV6;
    private static final VerdictBackend L = VerdictBackend.LEGACY;
    private static final VerdictBackend N = VerdictBackend.NFT;
    private static final VerdictBackend NONE = VerdictBackend.NONE;
    private static final Duration START = Duration.ofSeconds(40);

    private record Run(Inspection inspection, String text) {
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

        List<String> owners() {
            return node().ownership().writers().stream().map(p -> p.owner() + "@" + p.writer() + ":" + p.table())
                    .distinct().toList();
        }

        List<String> blocking(Family f, String hook) {
            return node().pipeline().hook(f, hook).map(HookPipeline.Hook::blocking).orElse(List.of()).stream()
                    .map(s -> s.describe() + " " + s.blocksHow()).toList();
        }

        String why() {
            return ids() + "\n" + text;
        }
    }

    /** Detects on the netns with the host's binaries; proves it read-only and its advice consistent with its verdict. */
    private static Run detect(TestNetns ns) throws InspectionException {
        List<String> before = withoutCounters(ns.kernelState());
        Inspection i = new Detector(new LocalRunner(), Duration.ofSeconds(10)).inspect(ns.target(),
                new BinarySource.ProcessPath());
        assertEquals(before, withoutCounters(ns.kernelState()), "detection changed the netns");
        assertEquals(List.of(), AdviceCheck.contradictions(i), "advice contradicts the verdict");
        String text = DetectionText.render(DetectionReport.of(i, "local", List.of(), Instant.now()), StrategyId.IPTSCOPE, false);
        System.out.println(text);
        return new Run(i, text);
    }

    /**
     * The netns state with packet counters blanked: the real programs' interfaces carry live traffic (a container's
     * veth, a bridge's own packets), which moves counters while detection runs; rules, chains and tables must not move.
     */
    private static List<String> withoutCounters(List<String> state) {
        return state.stream().map(s -> s.replaceAll("counter packets \\d+ bytes \\d+", "counter")
                .replaceAll("\\[\\d+:\\d+\\]", "[counters]")).toList();
    }

    /** Every strategy's verdict for one family, in {@link Strategies#ALL}'s order. */
    private static Map<String, VerdictBackend> all(VerdictBackend... byStrategy) {
        Map<String, VerdictBackend> m = new LinkedHashMap<>();
        List<String> ids = Strategies.ids();
        assertEquals(ids.size(), byStrategy.length, ids.toString());
        for (int k = 0; k < ids.size(); k++) {
            m.put(ids.get(k), byStrategy[k]);
        }
        return m;
    }

    private static Path copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return to;
    }

    /** dockerd with all state in {@code p}'s directory; its default bridge docker0 is created inside the netns. */
    private static void startDockerd(RealPrograms p, Map<String, String> env) throws IOException {
        Files.createDirectories(p.path("etc-docker"));
        // /etc/docker gets a private copy: dockerd 20.10 writes its trust key there.
        p.start("dockerd", env, List.of(Mount.tmpfs("/run"), Mount.bind(p.path("etc-docker"), "/etc/docker")),
                "dockerd", "--data-root", p.path("data").toString(), "--exec-root", p.path("exec").toString(),
                "--pidfile", p.path("dockerd.pid").toString(), "-H", "unix://" + p.path("docker.sock"),
                "--storage-driver", "vfs", "--iptables=true", "--ip6tables=false", "--userland-proxy=false");
        p.await("dockerd's API socket", "dockerd", START, () -> p.log("dockerd").contains("API listen on"));
    }

    @Test
    void dockerdWritesItsIptablesChainsAndTheForwardDrop() throws Exception {
        try (TestNetns ns = TestNetns.create(); RealPrograms p = RealPrograms.in(ns, "dockerd", "containerd")) {
            startDockerd(p, Map.of());
            Run run = detect(ns);
            assertEquals(all(N, N, N, N, N, N, N, N, N, N, N, N), run.verdicts(V4), run.why());
            assertEquals(all(N, N, N, N, N, N, N, N, N, N, N, N), run.verdicts(V6), run.why());
            assertEquals(List.of("docker@iptables-nft:filter", "docker@iptables-nft:nat"), run.owners());
            assertEquals("iptables", run.node().ownership().modes().get("docker"));
            assertEquals(List.of(), run.node().staleness().sets());
            // Docker's FORWARD policy DROP blocks the hook, but Docker's own accepts sit in that chain: no interaction.
            assertEquals(List.of("iptables-nft filter FORWARD policy drop"), run.blocking(V4, "forward"));
            assertEquals(List.of("docker"), run.node().pipeline().hook(V4, "forward").orElseThrow().blocking().get(0)
                    .owners());
            assertEquals(List.of(), run.ids(), run.why());
            assertTrue(run.text().contains("docker          [iptables mode]"), run.text());
            assertTrue(run.text().contains("BLOCKS 0 iptables-nft filter FORWARD drop"), run.text());
        }
    }

    @Test
    void ufwEnabledWithItsShippedRules() throws Exception {
        Requirements.requireBinaries("ufw");
        try (TestNetns ns = TestNetns.create(); RealPrograms p = RealPrograms.in(ns, "ufw")) {
            // ufw edits /etc/ufw (ufw.conf, user*.rules) and reads /etc/default/ufw: both get private copies; no modules.
            copyTree(Path.of("/etc/ufw"), p.path("etc-ufw"));
            String defaults = Files.readString(Path.of("/etc/default/ufw")).replaceAll("(?m)^IPT_MODULES=.*$", "IPT_MODULES=\"\"");
            List<Mount> mounts = List.of(Mount.tmpfs("/run"), Mount.bind(p.path("etc-ufw"), "/etc/ufw"),
                    Mount.bind(p.write("default-ufw", defaults), "/etc/default/ufw"));
            p.run("ufw-enable", Map.of(), mounts, "ufw", "--force", "enable");
            p.run("ufw-allow", Map.of(), mounts, "ufw", "allow", "22/tcp");
            assertTrue(Files.readString(p.path("etc-ufw/ufw.conf")).contains("ENABLED=yes"));
            Run run = detect(ns);
            assertEquals(all(N, N, N, N, N, N, N, N, N, N, N, N), run.verdicts(V4), run.why());
            assertEquals(all(N, N, N, N, N, N, N, N, N, N, N, N), run.verdicts(V6), run.why());
            assertEquals(List.of("ufw@iptables-nft:filter"), run.owners());
            // Every rule ufw wrote is attributed to it, in both families.
            for (Family f : Family.values()) {
                Ownership.Presence ufw = run.node().ownership().of("ufw").stream().filter(x -> x.family() == f)
                        .findFirst().orElseThrow();
                assertEquals(run.node().liveRules(run.inspection().observation().truth()
                        .of(io.iptscope.rules.Backend.NFT, f)), ufw.rules(), f.id());
                // ufw's default deny: its policies block input and forward, its own accepts sit in the same chains.
                assertEquals(List.of("iptables-nft filter INPUT policy drop"), run.blocking(f, "input"));
                assertEquals(List.of("iptables-nft filter FORWARD policy drop"), run.blocking(f, "forward"));
                assertEquals(List.of(), run.blocking(f, "output"));
            }
            assertEquals(List.of(), run.node().staleness().sets());
            assertEquals(List.of(), run.ids(), run.why());
        }
    }

    @Test
    void fail2banBansWithItsIptablesAndNftablesActions() throws Exception {
        try (TestNetns ns = TestNetns.create(); RealPrograms p = RealPrograms.in(ns, "fail2ban-server", "fail2ban-client")) {
            Path conf = copyTree(Path.of("/etc/fail2ban"), p.path("conf"));
            try (var d = Files.list(conf.resolve("jail.d"))) {
                for (Path f : d.toList()) {
                    Files.delete(f);
                }
            }
            Path log = p.write("auth.log", "");
            p.write("conf/fail2ban.local", "[Definition]\nlogtarget = " + p.path("fail2ban.log") + "\nsocket = "
                    + p.path("f2b.sock") + "\npidfile = " + p.path("f2b.pid") + "\ndbfile = :memory:\n");
            p.write("conf/jail.local", "[DEFAULT]\nbackend = polling\n"
                    + "[sshd]\nenabled = true\nport = ssh\nlogpath = " + log + "\nbanaction = iptables-multiport\n"
                    + "[sshd-nft]\nenabled = true\nfilter = sshd\nport = ssh\nlogpath = " + log
                    + "\nbanaction = nftables-multiport\n");
            List<Mount> mounts = List.of(Mount.tmpfs("/run"));
            String sock = p.path("f2b.sock").toString();
            p.start("fail2ban", Map.of(), mounts, "fail2ban-server", "-f", "-x", "-c", conf.toString(), "-s", sock,
                    "-p", p.path("f2b.pid").toString());
            p.await("fail2ban's jails", "fail2ban", START, () -> p.log("fail2ban").contains("Server ready")
                    && Files.exists(p.path("f2b.sock")));
            p.run("ban-iptables", Map.of(), mounts, "fail2ban-client", "-c", conf.toString(), "-s", sock,
                    "set", "sshd", "banip", "192.0.2.10");
            p.run("ban-nft", Map.of(), mounts, "fail2ban-client", "-c", conf.toString(), "-s", sock,
                    "set", "sshd-nft", "banip", "192.0.2.11");
            p.await("both bans in the netns", "fail2ban", START,
                    () -> ns.run("nft", "list", "ruleset").stdoutText().contains("192.0.2.11")
                            && ns.run("iptables-save").stdoutText().contains("192.0.2.10"));
            Run run = detect(ns);
            assertEquals(all(N, N, N, N, N, N, N, N, N, N, N, N), run.verdicts(V4), run.why());
            assertEquals(all(N, N, N, N, N, N, N, N, N, N, N, N), run.verdicts(V6), run.why());
            assertEquals(List.of("fail2ban@iptables-nft:filter", "fail2ban@native:inet f2b-table"), run.owners());
            // Both of fail2ban's actions on the input hook, in kernel order: its nft chain at filter - 1 first.
            HookPipeline.Hook input = run.node().pipeline().hook(V4, "input").orElseThrow();
            assertEquals(List.of("native inet f2b-table f2b-chain@-1", "iptables-nft filter INPUT@0"),
                    input.stages().stream().map(st -> st.describe() + "@" + st.priority()).toList());
            assertTrue(input.stages().stream().allMatch(st -> st.owners().equals(List.of("fail2ban"))), input.toString());
            // A ban rejects one address, never the whole hook.
            assertEquals(List.of(), run.blocking(V4, "input"));
            assertEquals(List.of(), run.blocking(V6, "input"));
            assertEquals(List.of(), run.node().staleness().sets());
            assertEquals(List.of(), run.ids(), run.why());
        }
    }

    private static final Path NETAVARK = Path.of("/usr/lib/podman/netavark");

    /** netavark's iptables driver sets up bridge podman0 (10.88.0.0/16, port 8080 -> 80) for {@code container}. */
    private static void netavarkSetup(RealPrograms p, TestNetns container) {
        Requirements.require(Files.isExecutable(NETAVARK), "needs netavark (apt-get install netavark)");
        Path opts = p.write("network.json", """
                {
                  "container_id": "6ce776ea58b5c6b4a32f6c5c6fd4e8bd2f4b2b3f1cb7b5c0fd28e0e5b3f1a1b2",
                  "container_name": "iptscope-test",
                  "networks": {"podman": {"static_ips": ["10.88.0.2"], "interface_name": "eth0"}},
                  "network_info": {"podman": {"dns_enabled": false, "driver": "bridge",
                     "id": "2f259bab93aaaaa2542ba43ef33eb990d0999ee1b9924b557b7be53c0b7a1bb9", "internal": false,
                     "ipv6_enabled": false, "name": "podman", "network_interface": "podman0",
                     "subnets": [{"gateway": "10.88.0.1", "subnet": "10.88.0.0/16"}]}},
                  "port_mappings": [{"container_port": 80, "host_ip": "", "host_port": 8080, "protocol": "tcp", "range": 1}]
                }
                """);
        // The container's netns is reached by its path, so /run stays visible here.
        p.run("netavark", Map.of("NETAVARK_FW", "iptables"), List.of(), NETAVARK.toString(), "--config",
                p.path("netavark").toString(), "--file", opts.toString(), "setup", container.path());
    }

    @Test
    void netavarkIptablesDriverSetsUpABridgeNetwork() throws Exception {
        try (TestNetns ns = TestNetns.create(); TestNetns container = TestNetns.create();
             RealPrograms p = RealPrograms.in(ns)) {
            netavarkSetup(p, container);
            Run run = detect(ns);
            assertEquals(all(N, N, N, N, N, N, N, N, N, N, N, N), run.verdicts(V4), run.why());
            assertEquals(all(N, N, N, N, N, N, N, N, N, N, N, N), run.verdicts(V6), run.why());
            assertEquals(List.of("netavark@iptables-nft:filter", "netavark@iptables-nft:nat"), run.owners());
            assertEquals("iptables", run.node().ownership().modes().get("netavark"));
            assertEquals(List.of(), run.node().staleness().sets());
            assertEquals(List.of(), run.blocking(V4, "forward"));
            assertEquals(List.of(), run.ids(), run.why());
        }
    }

    /** firewalld (nftables backend) on a private system bus, its config a copy of /etc/firewalld; waits for its table. */
    private static void startFirewalld(RealPrograms p, TestNetns ns) throws IOException {
        Path bus = p.path("bus");
        p.write("bus.conf", """
                <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
                 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
                <busconfig><type>system</type><listen>unix:path=%s</listen><auth>EXTERNAL</auth>
                <policy context="default"><allow user="root"/><allow own="*"/><allow send_destination="*"/>
                <allow receive_sender="*"/></policy></busconfig>
                """.formatted(bus));
        List<Mount> mounts = List.of(Mount.tmpfs("/run"));
        p.start("dbus", Map.of(), mounts, "dbus-daemon", "--config-file=" + p.path("bus.conf"), "--nofork",
                "--nopidfile");
        p.await("the private bus", "dbus", START, () -> Files.exists(bus));
        copyTree(Path.of("/etc/firewalld"), p.path("etc-firewalld"));
        p.start("firewalld", Map.of("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=" + bus), mounts, "firewalld", "--nofork",
                "--nopid", "--system-config", p.path("etc-firewalld").toString(), "--log-target", "file",
                "--log-file", p.path("firewalld.file.log").toString());
        p.await("firewalld's table", "firewalld", START, () -> ns.run("nft", "list", "chain", "inet", "firewalld",
                "filter_FORWARD").ok() && ns.run("nft", "list", "chain", "inet", "firewalld", "filter_INPUT").ok());
    }

    @Test
    void firewalldOnAPrivateDbusWritesItsNftablesTable() throws Exception {
        try (TestNetns ns = TestNetns.create(); RealPrograms p = RealPrograms.in(ns, "firewalld", "dbus-daemon")) {
            startFirewalld(p, ns);
            Run run = detect(ns);
            assertEquals(List.of("firewalld@native:inet firewalld"), run.owners());
            // firewalld's input and forward chains end in a catch-all reject, in both families (table inet).
            for (Family f : Family.values()) {
                assertEquals(List.of("native inet firewalld filter_INPUT a catch-all reject at its end"),
                        run.blocking(f, "input"));
                assertEquals(List.of("native inet firewalld filter_FORWARD a catch-all reject at its end"),
                        run.blocking(f, "forward"));
                assertEquals(List.of(), run.blocking(f, "output"));
            }
            assertTrue(run.text().contains("BLOCKS 10 native inet firewalld filter_FORWARD"), run.text());
            // No iptables rule anywhere: the detectors that default to legacy disagree, and say so; nothing else.
            assertEquals(all(N, N, N, L, N, N, L, N, L, L, N, N), run.verdicts(V4), run.why());
            assertEquals(all(N, N, N, L, N, N, L, N, L, L, N, N), run.verdicts(V6), run.why());
            assertEquals(List.of("strategies-disagree:ipv4", "strategies-disagree:ipv6"), run.ids(), run.why());
            assertEquals(List.of(), run.node().staleness().sets());
            assertFalse(run.ids().contains("native-nft-table-unknown-owner"), run.why());
        }
    }

    @Test
    void firewalldRejectsWhatNetavarkForwards() throws Exception {
        try (TestNetns ns = TestNetns.create(); TestNetns container = TestNetns.create();
             RealPrograms p = RealPrograms.in(ns, "firewalld", "dbus-daemon")) {
            startFirewalld(p, ns);
            netavarkSetup(p, container);
            Run run = detect(ns);
            assertEquals(all(N, N, N, N, N, N, N, N, N, N, N, N), run.verdicts(V4), run.why());
            assertEquals(all(N, N, N, N, N, N, N, N, N, N, N, N), run.verdicts(V6), run.why());
            assertEquals(List.of("netavark@iptables-nft:filter", "netavark@iptables-nft:nat",
                    "firewalld@native:inet firewalld"), run.owners());
            // Kernel order on forward: netavark's accept in iptables-nft at 0, then firewalld's reject at filter + 10.
            HookPipeline.Hook fwd = run.node().pipeline().hook(V4, "forward").orElseThrow();
            assertEquals(List.of("iptables-nft filter FORWARD@0", "native inet firewalld filter_FORWARD@10"),
                    fwd.stages().stream().map(st -> st.describe() + "@" + st.priority()).toList());
            assertEquals(List.of("native inet firewalld filter_FORWARD a catch-all reject at its end"),
                    run.blocking(V4, "forward"));
            // The interaction is an error naming both sides and firewalld's own way to let podman's traffic pass.
            assertEquals(List.of("hook-blocked:ipv4"), run.ids(), run.why());
            Finding f = run.findings("hook-blocked").get(0);
            assertEquals(Severity.ERROR, f.severity());
            assertTrue(f.message().contains("native inet firewalld filter_FORWARD has a catch-all reject at its end"),
                    f.message());
            assertTrue(f.message().contains("netavark accepts traffic on the same hook in iptables-nft filter FORWARD"),
                    f.message());
            assertTrue(f.action().contains("firewall-cmd --permanent --zone=trusted --add-interface=podman+"), f.action());
            assertTrue(run.inspection().hasErrors());
            // Only IPv4 forwards here (netavark's network has no IPv6): no IPv6 interaction is invented.
            assertTrue(run.findings("hook-blocked").stream().noneMatch(x -> x.family() == V6));
        }
    }

    @Test
    void dockerdMeetsFirewalldOnTheSameBus() throws Exception {
        try (TestNetns ns = TestNetns.create();
             RealPrograms p = RealPrograms.in(ns, "firewalld", "dbus-daemon", "dockerd", "containerd")) {
            startFirewalld(p, ns);
            startDockerd(p, Map.of("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=" + p.path("bus")));
            Run run = detect(ns);
            assertEquals(all(N, N, N, N, N, N, N, N, N, N, N, N), run.verdicts(V4), run.why());
            assertEquals(List.of("docker@iptables-nft:filter", "docker@iptables-nft:nat", "firewalld@native:inet firewalld"),
                    run.owners());
            assertEquals(List.of("iptables-nft filter FORWARD policy drop",
                    "native inet firewalld filter_FORWARD a catch-all reject at its end"), run.blocking(V4, "forward"));
            // dockerd found firewalld on the bus and put docker0 into its own zone "docker" (target ACCEPT): firewalld
            // dispatches docker0's forwarded traffic there before its catch-all reject.
            String zones = ns.exec("nft", "list", "chain", "inet", "firewalld", "filter_FORWARD_ZONES").stdoutText();
            assertTrue(zones.contains("iifname \"docker0\" goto filter_FWD_docker"), zones);
            String zone = ns.exec("nft", "list", "chain", "inet", "firewalld", "filter_FWD_docker").stdoutText();
            assertTrue(zone.strip().lines().map(String::strip).filter(l -> !l.equals("}")).reduce((x, y) -> y)
                    .orElseThrow().equals("accept"), zone);
            // iptscope follows that dispatch: firewalld's forward chain accepts traffic from docker0 before its reject,
            // and rejects traffic to docker0 that no other rule (replies, DNAT) singles out.
            HookPipeline.Stage fw = run.node().pipeline().hook(V4, "forward").orElseThrow().blocking().get(1);
            assertTrue(fw.interfaces().contains(new InterfaceVerdict(InterfaceVerdict.Direction.IIFNAME, "docker0",
                    InterfaceVerdict.Outcome.ACCEPT, "filter_FWD_docker")), fw.interfaces().toString());
            assertTrue(fw.interfaces().contains(new InterfaceVerdict(InterfaceVerdict.Direction.OIFNAME, "docker0",
                    InterfaceVerdict.Outcome.REJECT, "filter_FWD_public")), fw.interfaces().toString());
            // So Docker's accept is not undone there: no hook-blocked finding, only the note that says why.
            assertTrue(run.findings("hook-blocked").isEmpty(), run.why());
            assertEquals(List.of("hook-passed:ipv4"), run.ids(), run.why());
            Finding f = run.findings("hook-passed").get(0);
            assertEquals(Severity.INFO, f.severity());
            assertTrue(f.message().contains("native inet firewalld filter_FORWARD has a catch-all reject at its end, "
                    + "but lets docker's traffic through before it (iifname \"docker0\" accept in filter_FWD_docker)"),
                    f.message());
            assertTrue(f.impact().contains("docker_gwbridge, br-*"), f.impact());
            assertFalse(run.inspection().hasErrors());
            // The chain's verdicts on interfaces survive a saved report.
            DetectionReport report = DetectionReport.of(run.inspection(), "local", List.of(), Instant.now());
            assertEquals(report, Reports.fromJson(Reports.toJson(report)));
        }
    }
}
