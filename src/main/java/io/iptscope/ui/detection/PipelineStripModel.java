package io.iptscope.ui.detection;

import io.iptscope.detect.HookPipeline;
import io.iptscope.detect.NodeView;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The hook pipeline strip's data: per family and hook, every base chain in kernel order. No scene types. */
public final class PipelineStripModel {

    private final ObservableList<PipelineHookRow> hooks = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper("No detection yet");

    public ObservableList<PipelineHookRow> hooks() {
        return hooks;
    }

    /** What the strip says when it has no hooks; never an empty strip that reads as "nothing runs". */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    /** Before the first report: what is going on instead ("Detecting…", "No detection yet"). */
    public void waiting(String text) {
        hooks.clear();
        placeholder.set(text);
    }

    /** @param node null for a report without the node view (schema 1) */
    public void show(NodeView node) {
        if (node == null || node.pipeline() == null) {
            hooks.clear();
            placeholder.set("This report has no hook pipeline (saved before schema 2): detect again to see it");
            return;
        }
        hooks.setAll(rows(node.pipeline()));
        placeholder.set("No base chain on any hook: nothing filters packets in this netns");
    }

    static List<PipelineHookRow> rows(HookPipeline pipeline) {
        return pipeline.hooks().stream().map(h -> new PipelineHookRow(h.family(), h.hook(),
                h.stages().stream().map(s -> PipelineStage.of(h.hook(), s)).toList())).toList();
    }
}
