package io.iptscope.ui.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.rules.Family;
import io.iptscope.ui.common.ReportOrigin;
import io.iptscope.ui.common.ShownReport;
import io.iptscope.ui.main.MainViewModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineStripModelTest {

    @Test
    void aLegacyForwardDropBeforeNetavarksNftForwardIsShownBlockingInWords() throws Exception {
        DetectionViewModel vm = new DetectionViewModel();
        vm.show(PipelineScenario.detect());
        PipelineHookRow fwd = vm.pipeline().hooks().stream()
                .filter(h -> h.family() == Family.IPV4 && h.hook().equals("forward")).findFirst().orElseThrow();
        List<String> order = fwd.stages().stream().map(s -> s.writer() + " " + s.table() + " " + s.chain()).toList();
        assertTrue(order.contains("legacy filter FORWARD"), order.toString());
        assertTrue(order.stream().anyMatch(s -> s.startsWith("native inet netavark")), order.toString());
        List<Integer> prios = fwd.stages().stream().map(PipelineStage::priority).toList();
        assertEquals(prios.stream().sorted().toList(), prios, "kernel order");

        PipelineStage drop = fwd.blocking().stream().filter(s -> s.writer().equals("legacy")).findFirst().orElseThrow();
        assertEquals("DROP", drop.policy());
        assertEquals("0 rules", drop.rules());
        assertTrue(drop.marker().startsWith("⛔ BLOCKS: policy drop"), drop.marker());
        assertEquals(null, drop.passes(), "an iptables chain's interfaces are not followed");
        assertTrue(drop.text().contains("BLOCKS"), "the meaning is in the text, not only the colour");
        PipelineStage netavark = fwd.stages().stream().filter(s -> s.writer().equals("native")).findFirst().orElseThrow();
        assertEquals("netavark", netavark.owner());
        assertFalse(netavark.blocks());
        assertTrue(vm.pipeline().hooks().stream().noneMatch(h -> h.hook().equals("input") && h.family() == Family.IPV4
                && !h.blocking().isEmpty()), "INPUT ACCEPT does not block");
    }

    @Test
    void aBlockingChainSaysWhichInterfaceItStillPasses() throws Exception {
        DetectionViewModel vm = new DetectionViewModel();
        vm.show(PipelineScenario.nativeRejectPassingOneInterface());
        PipelineStage guard = vm.pipeline().hooks().stream()
                .filter(h -> h.family() == Family.IPV4 && h.hook().equals("forward")).findFirst().orElseThrow()
                .blocking().get(0);
        assertEquals("native inet guard forward_guard", guard.writer() + " " + guard.table() + " " + guard.chain());
        assertEquals("passes iifname eth9 in forward_guard", guard.passes());
        assertTrue(guard.text().endsWith("\npasses iifname eth9 in forward_guard"), guard.text());
    }

    @Test
    void aReportWithoutThePipelineSaysSoInsteadOfShowingNothing() throws Exception {
        DetectionViewModel vm = new DetectionViewModel();
        ShownReport sample = new ShownReport(MainViewModel.readSample(), ReportOrigin.SAMPLE, null, null, "sample", null);
        PipelineStripModel m = new PipelineStripModel();
        m.show(null);
        assertTrue(m.hooks().isEmpty());
        assertTrue(m.placeholder().textProperty().get().contains("no hook pipeline"),
                m.placeholder().textProperty().get());
        vm.show(sample);
        assertEquals(sample.report().node() == null, vm.pipeline().hooks().isEmpty());
    }
}
