package io.iptscope.ui.detection;

import io.iptscope.rules.Family;
import java.util.List;

/** One family's hook in the pipeline strip: its base chains in the order the kernel runs them. */
public record PipelineHookRow(Family family, String hook, List<PipelineStage> stages) {

    public PipelineHookRow {
        stages = List.copyOf(stages);
    }

    public List<PipelineStage> blocking() {
        return stages.stream().filter(PipelineStage::blocks).toList();
    }

    public String label() {
        return family.id() + " " + hook;
    }
}
