package io.iptscope.ui.detection;

import static io.iptscope.ui.common.PlaceholderAssert.assertSays;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.detect.Basis;
import io.iptscope.detect.BackendEvidence;
import io.iptscope.detect.Evidence;
import io.iptscope.detect.FamilyEvidence;
import io.iptscope.detect.NftTablesEvidence;
import io.iptscope.detect.ReadStatus;
import io.iptscope.detect.Severity;
import io.iptscope.detect.VerdictBackend;
import io.iptscope.discover.Variant;
import io.iptscope.report.DetectionReport;
import io.iptscope.rules.Family;
import io.iptscope.ui.main.MainViewModel;
import io.iptscope.exec.PrivilegeMode;
import io.iptscope.ui.common.Placeholder;
import io.iptscope.ui.common.ReportOrigin;
import io.iptscope.ui.common.ShownReport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The detection view model on the shipped sample (a real mismatch), without a display. */
class DetectionViewModelTest {

    private static ShownReport sample() throws Exception {
        return new ShownReport(MainViewModel.readSample(), ReportOrigin.SAMPLE, null, null, "sample", null);
    }

    @Test
    void theSampleIsARealMismatchAndTheCardsSayWhichBackendToUse() throws Exception {
        DetectionViewModel vm = new DetectionViewModel();
        vm.show(sample());
        assertEquals(2, vm.verdicts().size());
        FamilyVerdict v4 = vm.verdicts().get(0);
        assertEquals(Family.IPV4, v4.family());
        assertEquals(VerdictBackend.NFT, v4.backend());
        assertEquals("use NFT", v4.headline());
        assertEquals(Basis.KUBELET_HINT, v4.basis());
        assertTrue(v4.binary().startsWith("iptables-nft"), v4.binary());
        assertTrue(v4.agreement().startsWith("6 of 7 strategies agree (istio: legacy"), v4.agreement());
        assertNotNull(v4.worst(), "both backends hold rules: the card must say so");
        assertEquals("both-backends-hold-rules", v4.worst().id());
        assertTrue(v4.alert().startsWith("⚠ ERROR: "), v4.alert());
        assertTrue(v4.trace().size() >= 2);
        assertNull(v4.caveat(), "everything was read");
    }

    @Test
    void strategiesThatDifferFromTheRecommendationAreMarked() throws Exception {
        DetectionViewModel vm = new DetectionViewModel();
        vm.show(sample());
        assertEquals(io.iptscope.detect.Strategies.ALL.size(), vm.strategies().size());
        List<String> differing = vm.strategies().stream().filter(StrategyRow::differs).map(StrategyRow::strategy)
                .toList();
        assertEquals(List.of("istio"), differing);
        assertEquals("legacy  (line-count)", StrategyRow.cell(vm.strategies().get(2).ipv4()));
    }

    @Test
    void binaryMatrixHasSixRowsAndThePlainNamePointsAtItsBackend() throws Exception {
        DetectionViewModel vm = new DetectionViewModel();
        vm.show(sample());
        assertEquals(6, vm.binaries().size());
        BinaryRow plain = vm.binaries().get(0);
        assertEquals(Variant.PLAIN, plain.variant());
        assertEquals("iptables", plain.name());
        assertTrue(plain.pointsAt().startsWith("→ "), plain.pointsAt());
        assertTrue(plain.save().found());
        assertTrue(plain.save().text().startsWith("✓ "), plain.save().text());
    }

    @Test
    void backendsListEachTableAndFindingsComeWorstFirst() throws Exception {
        DetectionViewModel vm = new DetectionViewModel();
        vm.show(sample());
        assertTrue(vm.backends().stream().anyMatch(r -> r.backend().equals("legacy") && r.table().equals("nat")
                && r.rules().equals("4")), vm.backends().toString());
        assertTrue(vm.backends().stream().anyMatch(r -> r.backend().equals("nft") && r.table().equals("mangle")
                && r.hints().contains("KUBE-IPTABLES-HINT")));
        assertEquals(Severity.ERROR, vm.findings().get(0).severity());
        assertNull(vm.deniedReadsProperty().get());
    }

    @Test
    void deniedReadsAreNamedWithHowToGetThem() throws Exception {
        DetectionReport r = MainViewModel.readSample();
        List<FamilyEvidence> families = new ArrayList<>();
        for (FamilyEvidence fe : r.evidence().families()) {
            BackendEvidence l = fe.legacy();
            BackendEvidence denied = new BackendEvidence(l.backend(), l.family(), ReadStatus.DENIED, l.binary(),
                    "Permission denied", null, null, List.of(), List.of(), false, 0, null);
            families.add(new FamilyEvidence(fe.family(), denied, fe.nft()));
        }
        DetectionReport deniedReport = new DetectionReport(r.schema(), r.tool(), r.generatedAt(), r.host(), r.target(),
                r.binaries(), new Evidence(families, r.evidence().nftTables(), r.evidence().ipv6Disabled()),
                r.node(), r.verdicts(), r.findings(), r.commands());
        DetectionViewModel vm = new DetectionViewModel();
        vm.show(new ShownReport(deniedReport, ReportOrigin.LIVE, null, PrivilegeMode.SUDO_N, "x",
                "sudo -n did not work (sudo: not found)"));
        String text = vm.deniedReadsProperty().get();
        assertNotNull(text);
        assertTrue(text.contains("legacy ipv4 rules") && text.contains("legacy ipv6 rules"), text);
        assertTrue(text.contains("unknown, not zero"), text);
        assertTrue(text.startsWith("sudo -n did not work (sudo: not found), so this ran without privilege. "), text);
        assertTrue(text.contains(PrivilegeMode.SUDO_N.whenDenied()), text);
        assertEquals("unconfirmed: legacy (denied) could not be read", vm.verdicts().get(0).caveat());
        assertTrue(vm.backends().stream().anyMatch(b -> b.status() == ReadStatus.DENIED
                && b.statusText().equals("⚠ denied")));
    }

    @Test
    void aTimedOutReadMakesAnUnconfirmedCardWithUnknownCountsAndNoFalseAlarm() throws Exception {
        DetectionViewModel vm = new DetectionViewModel();
        vm.show(new ShownReport(io.iptscope.ui.FaultyReports.timedOutNft(), ReportOrigin.FILE, null, null, "timeout.json", null));
        FamilyVerdict v4 = vm.verdicts().get(0);
        assertEquals(Confidence.UNCONFIRMED, v4.confidence());
        assertEquals("? UNCONFIRMED: nft (timeout) could not be read", v4.badge());
        assertTrue(v4.headline().endsWith("?"), v4.headline());
        assertTrue(v4.trace().stream().anyMatch(s -> s.text().contains("unknown, not 0")), v4.trace().toString());
        assertEquals(Confidence.CONFIRMED, vm.verdicts().get(1).confidence(), "ipv6 was read, no error finding");
        assertTrue(vm.strategies().stream().noneMatch(StrategyRow::alarming),
                "a strategy that differs because a read failed is not a ≠ alarm: " + vm.strategies());
        assertTrue(vm.backends().stream().anyMatch(b -> b.where().equals("nft ipv4") && b.rules().equals("?")
                && b.owners().equals("unknown")));
        assertTrue(vm.findings().get(0).action().contains("raise the Timeout in the toolbar (Alt+O"),
                vm.findings().get(0).action());
        assertTrue(vm.strategies().get(0).reasoning().contains("IPv4: "), "each strategy's reasoning in words");
    }

    private static List<Placeholder> tables(DetectionViewModel vm) {
        return List.of(vm.verdictsPlaceholder(), vm.findingsPlaceholder(), vm.strategiesPlaceholder(),
                vm.backendsPlaceholder(), vm.binariesPlaceholder(), vm.nftTablesPlaceholder());
    }

    private static List<Placeholder> tablesAndPipeline(DetectionViewModel vm) {
        List<Placeholder> all = new ArrayList<>(tables(vm));
        all.add(vm.pipeline().placeholder());
        return all;
    }

    @Test
    void theBackendsTableShowsPoliciesAndOwnersAndDetectingIsSaid() throws Exception {
        DetectionViewModel vm = new DetectionViewModel();
        assertEquals("No detection yet", vm.findingsPlaceholder().textProperty().get());
        vm.detecting(true, "Local · current");
        assertEquals("Detecting Local · current…", vm.summaryProperty().get());
        assertEquals("Detecting…", vm.findingsPlaceholder().textProperty().get(), "no 'No findings' before a report");
        assertEquals("Detecting…", vm.pipeline().placeholder().textProperty().get());
        vm.show(sample());
        assertEquals("No findings", vm.findingsPlaceholder().textProperty().get());
        vm.detecting(false, "Local · current");
        assertTrue(vm.summaryProperty().get().startsWith("sample report"), vm.summaryProperty().get());
        assertTrue(vm.backends().stream().anyMatch(b -> b.where().equals("legacy ipv4") && b.table().equals("filter")
                && b.policies().contains("FORWARD DROP") && b.owners().contains("docker")), vm.backends().toString());
        assertEquals(Confidence.ERROR, vm.verdicts().get(0).confidence());
    }

    /** Every table of the tab, not only findings and pipeline: none says "empty" before a report says so. */
    @Test
    void everyTableSaysNotYetDetectingOrFailedBeforeAReportAndEmptyOnlyAfter() throws Exception {
        DetectionViewModel vm = new DetectionViewModel();
        for (Placeholder p : tablesAndPipeline(vm)) {
            assertEquals(Placeholder.State.NOT_READ, p.stateProperty().get());
            assertEquals("No detection yet", p.textProperty().get());
        }
        vm.detecting(true, "Local · current");
        for (Placeholder p : tablesAndPipeline(vm)) {
            assertEquals(Placeholder.State.READING, p.stateProperty().get());
            assertEquals("Detecting…", p.textProperty().get());
        }
        vm.failed("Local · current", "iptables-save timed out after 30 s");
        for (Placeholder p : tablesAndPipeline(vm)) {
            assertEquals(Placeholder.State.FAILED, p.stateProperty().get());
            assertEquals(p == vm.findingsPlaceholder()
                    ? "The detection of Local · current failed: iptables-save timed out after 30 s"
                    : DetectionViewModel.NOT_READ_FAILED, p.textProperty().get(), "the reason, not 'No detection yet'");
        }
        assertTrue(vm.summaryProperty().get().contains("timed out"), vm.summaryProperty().get());
        vm.detecting(true, "Local · current");
        assertEquals(Placeholder.State.READING, vm.binariesPlaceholder().stateProperty().get(), "a retry reads again");

        vm.show(sample());
        for (Placeholder p : tables(vm)) {
            assertEquals(Placeholder.State.EMPTY, p.stateProperty().get());
        }
        assertEquals("No nftables tables in this netns", vm.nftTablesPlaceholder().textProperty().get());
        vm.detecting(true, "Local · current");
        assertEquals(Placeholder.State.EMPTY, vm.nftTablesPlaceholder().stateProperty().get(),
                "the last report stays below while the next detection runs; its tables are what it read");
        vm.failed("Local · current", "ssh: connection refused");
        assertEquals(Placeholder.State.EMPTY, vm.findingsPlaceholder().stateProperty().get());
        assertTrue(vm.summaryProperty().get().contains("connection refused")
                && vm.summaryProperty().get().contains("Still shown: sample report"), vm.summaryProperty().get());
    }

    /** The verdict cards' place is not an empty box: not yet, detecting, failed (pointing to the reason), or none. */
    @Test
    void theVerdictCardsSayNotYetDetectingFailedOrThatTheReportHasNone() throws Exception {
        DetectionViewModel vm = new DetectionViewModel();
        Placeholder cards = vm.verdictsPlaceholder();
        assertSays(Placeholder.State.NOT_READ, "No detection yet", cards);
        vm.detecting(true, "Local · current");
        assertSays(Placeholder.State.READING, "Detecting…", cards);
        vm.failed("Local · current", "iptables-save timed out after 30 s");
        // Short: the reason is in the summary and the findings.
        assertSays(Placeholder.State.FAILED, "Not read: the detection failed (its reason is above)", cards);
        assertTrue(vm.verdicts().isEmpty());

        DetectionReport r = sample().report();
        vm.show(new ShownReport(new DetectionReport(r.schema(), r.tool(), r.generatedAt(), r.host(), r.target(),
                r.binaries(), r.evidence(), r.node(), List.of(), r.findings(), r.commands()), ReportOrigin.SAMPLE,
                null, null, "sample", null));
        assertTrue(vm.verdicts().isEmpty());
        assertSays(Placeholder.State.EMPTY, "This report has no recommended backend", cards);
    }

    @Test
    void anUnreadNftTableListIsUnknownNotNone() {
        Placeholder p = DetectionViewModel.tablePlaceholder("No nftables tables in this netns");
        DetectionViewModel.nftTablesRead(new NftTablesEvidence(ReadStatus.DENIED, "Operation not permitted",
                List.of()), p);
        assertEquals(Placeholder.State.FAILED, p.stateProperty().get());
        assertEquals("The nftables table list could not be read (denied: Operation not permitted); its tables are "
                + "unknown, not none", p.textProperty().get());
        DetectionViewModel.nftTablesRead(new NftTablesEvidence(ReadStatus.MISSING_BINARY, null, List.of()), p);
        assertEquals(Placeholder.State.NOT_READ, p.stateProperty().get());
        assertTrue(p.textProperty().get().startsWith("The nftables table list was not read (missing-binary)"),
                p.textProperty().get());
        DetectionViewModel.nftTablesRead(new NftTablesEvidence(ReadStatus.OK, null, List.of()), p);
        assertEquals(Placeholder.State.EMPTY, p.stateProperty().get());
        assertEquals("No nftables tables in this netns", p.textProperty().get());
    }
}
