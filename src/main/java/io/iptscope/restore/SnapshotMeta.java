package io.iptscope.restore;

import com.fasterxml.jackson.annotation.JsonValue;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import java.time.Instant;
import java.util.List;

/**
 * What a snapshot holds and where it came from; stored as JSON next to it (the enums as their ids, the time as
 * ISO-8601 UTC, as earlier versions wrote them).
 *
 * @param transaction the restore that took a backup, or null
 */
public record SnapshotMeta(String id, Kind kind, String host, String netns, Backend backend, Family family,
                           List<String> tables, Instant createdAt, String toolVersion, String iptablesVersion,
                           boolean counters, String sha256, long bytes, String transaction, String note) {

    /** Why the snapshot was taken. */
    public enum Kind {
        /** Asked for (save, migrate's source, the GUI). */
        SAVE("save"),
        /** Taken by a restore before it changed anything. */
        BACKUP("backup");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        @JsonValue
        public String id() {
            return id;
        }
    }

    public SnapshotMeta {
        tables = List.copyOf(tables);
    }

    public SnapshotMeta withChecksum(String sum, long size) {
        return new SnapshotMeta(id, kind, host, netns, backend, family, tables, createdAt, toolVersion, iptablesVersion,
                counters, sum, size, transaction, note);
    }
}
