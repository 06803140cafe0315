package io.iptscope.detect;

import static io.iptscope.detect.Fixtures.bins;
import static io.iptscope.detect.Fixtures.evidence;
import static io.iptscope.detect.Fixtures.obs;
import static io.iptscope.rules.Backend.LEGACY;
import static io.iptscope.rules.Backend.NFT;
import static io.iptscope.rules.Family.IPV4;
import static io.iptscope.rules.Family.IPV6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.discover.Variant;
import io.iptscope.rules.Family;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FindingsTest {

    private static List<Finding> findings(Observation o) {
        return Findings.derive(o, Strategies.decideAll(o));
    }

    private static Optional<Finding> find(List<Finding> fs, String id, Family family) {
        return fs.stream().filter(f -> f.id().equals(id) && f.family() == family).findFirst();
    }

    private static Optional<Finding> find(List<Finding> fs, String id) {
        return fs.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    @Test
    void anEmptyHostOnlyShowsStrategiesThatBreakTiesDifferently() {
        List<Finding> fs = findings(obs(bins(NFT, "1.8.9"), evidence()));
        // Strategies that break 0 = 0 ties towards legacy still disagree with the nft default.
        assertEquals(List.of("strategies-disagree", "strategies-disagree"), fs.stream().map(Finding::id).toList());
    }

    @Test
    void bothBackendsHoldingRulesIsAnErrorNamingTheOwners() {
        List<Finding> fs = findings(obs(bins(NFT, "1.8.9"),
                evidence().owned(LEGACY, IPV4, "docker", 4).owned(NFT, IPV4, "kubernetes", 900)));
        Finding f = find(fs, "both-backends-hold-rules", IPV4).orElseThrow();
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.message().contains("docker 4") && f.message().contains("kubernetes 900"), f.message());
        assertTrue(find(fs, "both-backends-hold-rules", IPV6).isEmpty());
    }

    @Test
    void emptyLegacyTablesBehindTheWarningAreExplained() {
        List<Finding> fs = findings(obs(bins(NFT, "1.8.9"),
                evidence().emptyLegacy(IPV4, "nat").legacyWarning().rules(NFT, IPV4, 5)));
        Finding f = find(fs, "legacy-warning-empty-tables", IPV4).orElseThrow();
        assertTrue(f.message().contains("[nat]") && f.message().contains("only because of them"), f.message());
    }

    @Test
    void familiesOnDifferentBackendsAreFlagged() {
        List<Finding> fs = findings(obs(bins(NFT, "1.8.9"), evidence().rules(LEGACY, IPV4, 8).rules(NFT, IPV6, 8)));
        assertTrue(find(fs, "family-split").orElseThrow().message().contains("IPv4 is on legacy, IPv6 on nft"));
    }

    @Test
    void aHintInOneBackendWithTheRulesInTheOtherIsAnError() {
        List<Finding> fs = findings(obs(bins(NFT, "1.8.9"), evidence().hint(NFT, IPV4).rules(LEGACY, IPV4, 300)));
        assertEquals(Severity.ERROR, find(fs, "hint-rules-mismatch", IPV4).orElseThrow().severity());
    }

    @Test
    void thePlainNamePointingAtTheEmptyBackendIsFlagged() {
        List<Finding> fs = findings(obs(bins(NFT, "1.8.9"), evidence().rules(LEGACY, IPV6, 20)));
        Finding f = find(fs, "plain-points-to-empty", IPV6).orElseThrow();
        assertTrue(f.action().contains("update-alternatives --set ip6tables /usr/sbin/ip6tables-legacy"), f.action());
        assertTrue(find(fs, "plain-points-to-empty", IPV4).isEmpty());
    }

    @Test
    void missingBinariesOfTheRecommendedBackendAreAnError() {
        List<Finding> fs = findings(obs(bins(NFT, "1.8.9").withoutVariant(Variant.LEGACY), evidence().rules(LEGACY, IPV4, 3)));
        Finding f = find(fs, "chosen-binaries-missing", IPV4).orElseThrow();
        assertTrue(f.message().contains("iptables-legacy-save"), f.message());
    }

    @Test
    void buggyIptablesVersionsAreReportedOncePerFile() {
        List<Finding> fs = findings(obs(bins(NFT, "1.8.2"), evidence()));
        List<Finding> buggy = fs.stream().filter(f -> f.id().equals("iptables-version-buggy")).toList();
        assertFalse(buggy.isEmpty());
        assertEquals(buggy.size(), buggy.stream().map(Finding::message).distinct().count());
        assertEquals(Severity.ERROR, buggy.get(0).severity());
        assertEquals(Severity.WARNING, find(findings(obs(bins(NFT, "1.8.3"), evidence())), "iptables-version-buggy")
                .orElseThrow().severity());
        assertTrue(find(findings(obs(bins(NFT, "1.8.4"), evidence())), "iptables-version-buggy").isEmpty());
    }

    @Test
    void onlyNativeTablesOfNoKnownWriterWarn() {
        List<Finding> fs = findings(obs(bins(NFT, "1.8.9"), evidence().nativeTable("inet", "mystery", "drop")
                .nativeTable("inet", "firewalld", "accept").nativeTable("ip", "kube-proxy", "accept")));
        List<Finding> nat = fs.stream().filter(f -> f.id().equals("native-nft-table-unknown-owner")).toList();
        assertEquals(1, nat.size(), fs.toString());
        assertTrue(nat.get(0).message().contains("inet mystery"));
        assertEquals(Severity.WARNING, nat.get(0).severity());
        // A drop policy alone, with nothing accepting elsewhere on the hook, is no interaction.
        assertTrue(find(fs, "hook-blocked").isEmpty(), fs.toString());
    }

    @Test
    void unreadableBackendsAndSpecialLinesBecomeFindings() {
        List<Finding> fs = findings(obs(bins(NFT, "1.8.9"), evidence().status(LEGACY, IPV6, ReadStatus.TIMEOUT)
                .status(NFT, IPV6, ReadStatus.DENIED).ipv6Disabled()
                .special(NFT, IPV4, "incompatible-table", "# Table `nat' is incompatible, use 'nft' tool.")
                .special(NFT, IPV4, "unsupported-revision", "-A X -j DNAT [unsupported revision]")));
        assertTrue(find(fs, "read-incomplete", IPV6).orElseThrow().message().contains("timeout"));
        assertTrue(find(fs, "read-denied", IPV6).isPresent());
        assertTrue(find(fs, "ipv6-disabled").isPresent());
        assertEquals(Severity.ERROR, find(fs, "incompatible-table", IPV4).orElseThrow().severity());
        assertEquals(Severity.ERROR, find(fs, "unsupported-revision", IPV4).orElseThrow().severity());
    }

    @Test
    void disagreeingStrategiesAreListedByBackend() {
        // Legacy has rules, kubelet's hint is in nft: count-based and hint-based detectors part ways.
        List<Finding> fs = findings(obs(bins(NFT, "1.8.9"), evidence().rules(LEGACY, IPV4, 40).hint(NFT, IPV4)));
        Finding f = find(fs, "strategies-disagree", IPV4).orElseThrow();
        assertTrue(f.message().contains("nft: iptscope") && f.message().contains("legacy:"), f.message());
    }
}
