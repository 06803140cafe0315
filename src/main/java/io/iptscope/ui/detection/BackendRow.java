package io.iptscope.ui.detection;

import io.iptscope.detect.ReadStatus;

/**
 * One line of the backends table: a table of one backend and family, or the whole backend when it
 * could not be read (status timeout, denied, unsupported: incomplete, never zero).
 */
public record BackendRow(String backend, String family, ReadStatus status, String table, String chains, String rules,
                         String hints, String detail, String policies, String owners) {

    /** "legacy ipv4": the first column, so a row names its backend without scrolling. */
    public String where() {
        return backend + " " + family;
    }

    public String statusText() {
        return status == ReadStatus.OK ? "ok" : "⚠ " + status.id();
    }
}
