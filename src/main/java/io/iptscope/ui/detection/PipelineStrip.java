package io.iptscope.ui.detection;

import io.iptscope.ui.common.PlaceholderLabel;
import io.iptscope.ui.common.Styles;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The hook pipeline as a strip per family and hook: each base chain a box, left to right in kernel order. A
 * blocking chain is red and says "BLOCKS" in words, so the meaning never rests on colour alone.
 */
public final class PipelineStrip {

    public static final String STAGE = "ipts-pipeline-stage";
    public static final String BLOCKING = "ipts-pipeline-blocking";

    private final PipelineStripModel model;
    private final VBox root = new VBox(4);
    private final VBox rows = new VBox(4);

    public PipelineStrip(PipelineStripModel model) {
        this.model = model;
        Label title = new Label("Hook pipeline: every base chain in the order the kernel runs it (legacy | "
                + "iptables-nft | native, by priority); a packet passes only if every one lets it through");
        title.getStyleClass().add("ipts-section-title");
        title.setWrapText(true);
        root.setId("pipelineStrip");
        root.getChildren().addAll(title, rows);
        PlaceholderLabel.above(rows, model.placeholder(), model.hooks());
        model.hooks().addListener((ListChangeListener<PipelineHookRow>) c -> refresh());
        refresh();
    }

    public Node node() {
        return root;
    }

    private void refresh() {
        rows.getChildren().clear();
        for (PipelineHookRow h : model.hooks()) {
            Label hook = new Label(h.label() + (h.blocking().isEmpty() ? "" : " ⛔"));
            hook.setMinWidth(130);
            hook.getStyleClass().add(Styles.VERDICT_TITLE);
            FlowPane stages = new FlowPane(6, 4);
            for (PipelineStage s : h.stages()) {
                Label box = new Label((stages.getChildren().isEmpty() ? "" : "→ ") + s.text());
                box.setId("pipeline-" + h.family().id() + "-" + h.hook() + "-" + s.writer() + "-"
                        + s.table().replace(' ', '-') + "-" + s.chain());
                box.getStyleClass().add(STAGE);
                if (s.blocks()) {
                    box.getStyleClass().addAll(BLOCKING, Styles.SEVERITY_ERROR);
                }
                box.setAccessibleText(h.label() + ": " + s.text());
                stages.getChildren().add(box);
            }
            HBox line = new HBox(8, hook, stages);
            rows.getChildren().add(line);
        }
    }
}
