package io.iptscope.detect;

import static io.iptscope.detect.Fixtures.evidence;
import static io.iptscope.rules.Backend.LEGACY;
import static io.iptscope.rules.Backend.NFT;
import static io.iptscope.rules.Family.IPV4;
import static io.iptscope.rules.Family.IPV6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.discover.BinarySource;
import io.iptscope.exec.LocalRunner;
import io.iptscope.testing.TestNetns;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KernelCapabilitiesTest {

    private static KernelCapabilities.Kernel kernel(String config) {
        return new KernelCapabilities.Kernel(KernelCapabilities.parseConfig(config), "/proc/config.gz", List.of(),
                List.of(), List.of());
    }

    @Test
    void legacyCompiledOutIsUnavailableNotAbsent() {
        // Linux 6.17+ built without CONFIG_NETFILTER_XTABLES_LEGACY: no /proc/net/ip_tables_names, empty save, exit 0.
        KernelCapabilities.Kernel k = kernel("""
                # CONFIG_NETFILTER_XTABLES_LEGACY is not set
                CONFIG_IP_NF_IPTABLES=y
                CONFIG_NF_TABLES=y
                CONFIG_NF_TABLES_IPV4=y
                CONFIG_NF_TABLES_IPV6=y
                """);
        Evidence ev = evidence().noLegacyProcFile(IPV4).noLegacyProcFile(IPV6).build();
        KernelCapabilities c = KernelCapabilities.from("6.18.0", k, ev, List.of("/proc/config.gz"));
        assertEquals(KernelCapabilities.State.UNAVAILABLE, c.of(IPV4, LEGACY).orElseThrow().state());
        assertEquals(KernelCapabilities.State.UNAVAILABLE, c.of(IPV6, LEGACY).orElseThrow().state());
        assertEquals(KernelCapabilities.State.ABSENT, c.of(IPV4, NFT).orElseThrow().state());
    }

    @Test
    void builtinModulesCountEvenWhenLsmodDoesNotShowThem() {
        // klipper-lb#99: nf_tables built in is invisible in lsmod; modules.builtin names it.
        KernelCapabilities.Kernel k = new KernelCapabilities.Kernel(Map.of(), null, List.of("nf_tables", "ip_tables"),
                List.of(), List.of());
        assertEquals(java.util.Optional.of(true), k.supports("nf_tables", "CONFIG_NF_TABLES"));
        assertEquals(java.util.Optional.empty(), k.supports("ip6_tables", "CONFIG_IP6_NF_IPTABLES"));
    }

    @Test
    void nfTablesMissingIsUnavailable() {
        Evidence ev = evidence().build();
        Evidence broken = new Evidence(ev.families(), new NftTablesEvidence(ReadStatus.FAILED,
                "nft -j list tables: exit 1: Error: Could not fetch rule set generation id: Invalid argument", List.of()),
                null);
        KernelCapabilities c = KernelCapabilities.from(null, kernel(""), broken, List.of());
        assertEquals(KernelCapabilities.State.UNAVAILABLE, c.of(IPV4, NFT).orElseThrow().state());
    }

    @Test
    void absentEmptyAndInUseOnTheRealKernel() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            Detector d = new Detector(new LocalRunner(), Duration.ofSeconds(10));
            KernelCapabilities fresh = d.inspect(ns.target(), new BinarySource.ProcessPath()).observation().node()
                    .capabilities();
            assertTrue(fresh.sources().contains("/proc/config.gz") || !fresh.sources().isEmpty(), fresh.toString());
            assertEquals(KernelCapabilities.State.ABSENT, fresh.of(IPV4, LEGACY).orElseThrow().state(), fresh.toString());
            assertEquals(KernelCapabilities.State.ABSENT, fresh.of(IPV4, NFT).orElseThrow().state());
            ns.exec("iptables-legacy", "-t", "nat", "-L", "-n");
            ns.restore("iptables-nft-restore", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j ACCEPT\nCOMMIT\n");
            KernelCapabilities used = d.inspect(ns.target(), new BinarySource.ProcessPath()).observation().node()
                    .capabilities();
            assertEquals(KernelCapabilities.State.EMPTY, used.of(IPV4, LEGACY).orElseThrow().state());
            assertEquals(KernelCapabilities.State.ABSENT, used.of(IPV6, LEGACY).orElseThrow().state());
            assertEquals(KernelCapabilities.State.IN_USE, used.of(IPV4, NFT).orElseThrow().state());
            assertEquals(KernelCapabilities.State.ABSENT, used.of(IPV6, NFT).orElseThrow().state());
        }
    }
}
