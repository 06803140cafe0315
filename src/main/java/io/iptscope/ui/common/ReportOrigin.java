package io.iptscope.ui.common;

/** Where the report on screen came from; only a live one can be refreshed or read rules from. */
public enum ReportOrigin {
    LIVE,
    FILE,
    SAMPLE
}
