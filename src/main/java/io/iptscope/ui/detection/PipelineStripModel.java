package io.iptscope.ui.detection;

import io.iptscope.detect.HookPipeline;
import io.iptscope.detect.NodeView;
import io.iptscope.ui.common.Placeholder;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The hook pipeline strip's data: per family and hook, every base chain in kernel order. No scene types. */
public final class PipelineStripModel {

    private final ObservableList<PipelineHookRow> hooks = FXCollections.observableArrayList();
    private final Placeholder placeholder = DetectionViewModel.tablePlaceholder(
            "No base chain on any hook: nothing filters packets in this netns");

    public ObservableList<PipelineHookRow> hooks() {
        return hooks;
    }

    /** What the strip says when it has no hooks; never an empty strip that reads as "nothing runs". */
    public Placeholder placeholder() {
        return placeholder;
    }

    /** Before the first report: no hooks; the detection view sets what the placeholder says instead. */
    public void waiting() {
        hooks.clear();
    }

    /** @param node null for a report without the node view (schema 1) */
    public void show(NodeView node) {
        if (node == null || node.pipeline() == null) {
            hooks.clear();
            placeholder.notRead("This report has no hook pipeline (saved before schema 2): detect again to see it");
            return;
        }
        hooks.setAll(rows(node.pipeline()));
        placeholder.empty();
    }

    static List<PipelineHookRow> rows(HookPipeline pipeline) {
        return pipeline.hooks().stream().map(h -> new PipelineHookRow(h.family(), h.hook(),
                h.stages().stream().map(s -> PipelineStage.of(h.hook(), s)).toList())).toList();
    }
}
