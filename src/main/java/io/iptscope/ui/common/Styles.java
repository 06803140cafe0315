package io.iptscope.ui.common;

/**
 * Style classes the views set from code, as constants (AtlantaFX's Styles idea): a renamed class is
 * then a compile error instead of a silently unstyled node. The stylesheets define them; classes that
 * only FXML files name are written there.
 */
public final class Styles {

    public static final String VERDICT_CARD = "ipts-verdict-card";
    public static final String VERDICT_TITLE = "ipts-verdict-title";
    public static final String VERDICT_BACKEND = "ipts-verdict-backend";
    public static final String VERDICT_BINARY = "ipts-verdict-binary";
    public static final String VERDICT_BASIS = "ipts-verdict-basis";
    public static final String BACKEND_LEGACY = "ipts-backend-legacy";
    public static final String BACKEND_NFT = "ipts-backend-nft";
    public static final String BACKEND_NONE = "ipts-backend-none";
    public static final String SEVERITY_ERROR = "ipts-severity-error";
    public static final String SEVERITY_WARNING = "ipts-severity-warning";
    public static final String SEVERITY_INFO = "ipts-severity-info";
    public static final String CELL_MISSING = "ipts-cell-missing";
    public static final String CELL_PROBLEM = "ipts-cell-problem";
    public static final String ROW_DIFFERS = "ipts-row-differs";
    public static final String TRACE_OBSERVE = "ipts-trace-observe";
    public static final String TRACE_DECIDE = "ipts-trace-decide";
    public static final String TRACE_NOTE = "ipts-trace-note";
    public static final String FILTER_VALID = "ipts-filter-valid";
    public static final String FILTER_INVALID = "ipts-filter-invalid";
    public static final String MONO = "ipts-mono";
    public static final String SECTION_TITLE = "ipts-section-title";
    public static final String LINK = "ipts-link";
    public static final String PLACEHOLDER = "ipts-placeholder";
    public static final String PLACEHOLDER_FAILED = "ipts-placeholder-failed";
    public static final String PLACEHOLDER_ABOVE = "ipts-placeholder-above";

    private Styles() {
    }

    /** Sets exactly one class of a group on a node's style class list. */
    public static void exclusive(javafx.collections.ObservableList<String> classes, String wanted, String... group) {
        classes.removeAll(group);
        if (wanted != null) {
            classes.add(wanted);
        }
    }
}
