package io.iptscope.iptables;

import io.iptscope.exec.CommandResult;
import io.iptscope.rules.Family;
import java.util.List;

/**
 * What the legacy kernel's names file ({@link Quirks#legacyNamesFile}) says exists in a netns. The
 * only read-only way to learn it: every {@code -t}, {@code -L}, {@code -S}, {@code -C} makes the
 * kernel create the table it names, so a legacy save runs only after this lists a table.
 */
public record LegacyTables(Family family, Status status, List<String> names, CommandResult read) {

    public enum Status {
        /** The file lists at least one table. */
        LISTED,
        /** The file is empty: no legacy table exists. */
        EMPTY,
        /** The file does not exist: legacy iptables is not loaded in this netns. */
        NO_FILE,
        /** The file could not be read. */
        FAILED
    }

    public LegacyTables {
        names = List.copyOf(names);
    }

    /** Interprets the read of the names file ({@link Endpoint#legacyNames}). */
    public static LegacyTables of(Family family, CommandResult read) {
        if (!read.ok()) {
            // nsenter's own "No such file" (a vanished netns) is a failure, not an absent names file.
            boolean noFile = read.stderrText().contains(Quirks.legacyNamesFile(family) + ": No such file");
            return new LegacyTables(family, noFile ? Status.NO_FILE : Status.FAILED, List.of(), read);
        }
        List<String> names = read.stdoutText().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
        return new LegacyTables(family, names.isEmpty() ? Status.EMPTY : Status.LISTED, names, read);
    }

    public boolean has(String table) {
        return names.contains(table);
    }

    public boolean any() {
        return status == Status.LISTED;
    }
}
