package io.iptscope.ui.detection;

import io.iptscope.discover.BinaryInfo;

/** One cell of the binary matrix: a name found or missing, where it resolves to, its version and mode. */
public record BinaryCell(String name, boolean found, String path, String resolved, String version, String mode) {

    static BinaryCell of(BinaryInfo b) {
        return new BinaryCell(b.name(), b.found(), b.path(), b.resolved(), b.version(), b.mode().id());
    }

    /** Text for the cell: never colour alone, "missing" is spelled out. */
    public String text() {
        if (!found) {
            return "✗ missing";
        }
        String file = resolved == null ? path : resolved;
        String shortFile = file.substring(file.lastIndexOf('/') + 1);
        return "✓ " + (version == null ? "?" : version) + " " + mode + "\n→ " + shortFile;
    }

    public String tooltip() {
        if (!found) {
            return name + " is not in the binary source";
        }
        return name + "\nfound at " + path + "\nresolves to " + resolved + "\nversion " + version + ", mode " + mode;
    }
}
