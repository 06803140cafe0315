package io.iptscope.restore;

import java.nio.file.Path;

/** A saved ruleset in the snapshot store: its metadata and its file in save format. */
public record Snapshot(SnapshotMeta meta, Path file) {
}
