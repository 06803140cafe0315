package io.iptscope.restore;

import java.util.List;

/**
 * What a snapshot holds and where it came from.
 *
 * @param kind        {@code save} (asked for) or {@code backup} (taken by a restore before it changed anything)
 * @param transaction the restore that took a backup, or null
 */
public record SnapshotMeta(String id, String kind, String host, String netns, String backend, String family,
                           List<String> tables, String createdAt, String toolVersion, String iptablesVersion,
                           boolean counters, String sha256, long bytes, String transaction, String note) {

    public SnapshotMeta {
        tables = List.copyOf(tables);
    }

    public SnapshotMeta withChecksum(String sum, long size) {
        return new SnapshotMeta(id, kind, host, netns, backend, family, tables, createdAt, toolVersion, iptablesVersion,
                counters, sum, size, transaction, note);
    }
}
