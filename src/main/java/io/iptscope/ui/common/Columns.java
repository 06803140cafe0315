package io.iptscope.ui.common;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;

/** Read-only table columns over records, so views stay declarations. */
public final class Columns {

    private Columns() {
    }

    public static <R> TableColumn<R, String> text(String title, double width, Function<R, String> value) {
        return styled(title, width, value, r -> null, r -> null);
    }

    /** A column whose long texts wrap onto more lines instead of being cut off. */
    public static <R> TableColumn<R, String> wrapped(String title, double width, Function<R, String> value) {
        TableColumn<R, String> c = styled(title, width, value, r -> null, r -> null);
        c.setCellFactory(col -> new TableCell<>() {
            private final javafx.scene.text.Text text = new javafx.scene.text.Text();

            {
                text.wrappingWidthProperty().bind(col.widthProperty().subtract(10));
                text.getStyleClass().add("text");
                text.fillProperty().bind(textFillProperty());
                setPrefHeight(javafx.scene.control.Control.USE_COMPUTED_SIZE);
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                text.setText(empty || item == null ? "" : item);
                setGraphic(empty ? null : text);
            }
        });
        return c;
    }

    /**
     * @param styleClass a style class for the cell from the row, or null
     * @param tooltip    a tooltip for the cell from the row, or null
     */
    public static <R> TableColumn<R, String> styled(String title, double width, Function<R, String> value,
                                                    Function<R, String> styleClass, Function<R, String> tooltip) {
        TableColumn<R, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue() == null ? null
                : value.apply(f.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            private String applied;

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                if (applied != null) {
                    getStyleClass().remove(applied);
                    applied = null;
                }
                R row = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(empty ? null : item);
                setTooltip(null);
                if (row == null) {
                    return;
                }
                applied = styleClass.apply(row);
                if (applied != null) {
                    getStyleClass().add(applied);
                }
                String tip = tooltip.apply(row);
                if (tip != null) {
                    setTooltip(new Tooltip(tip));
                }
            }
        });
        return c;
    }
}
