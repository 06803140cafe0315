package io.iptscope.restore;

import io.iptscope.discover.BinaryInfo;
import io.iptscope.discover.ToolKind;
import io.iptscope.exec.CommandResult;
import io.iptscope.iptables.Endpoint;
import io.iptscope.iptables.Quirks;
import io.iptscope.iptables.Read;
import io.iptscope.report.ToolVersion;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.rules.ParseResult;
import io.iptscope.rules.Ruleset;
import io.iptscope.rules.SaveParser;
import io.iptscope.rules.SaveWriter;
import io.iptscope.rules.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a backend's tables of one family in save format through the runner's read-only rule
 * ({@link Endpoint#read}): legacy without tables in its names file is empty, and no save runs.
 */
public final class Saver {

    /** A save: the text to write (our header line first) and the parsed rules it holds. */
    public record Saved(Backend backend, Family family, String text, Ruleset ruleset, List<String> tables,
                        List<String> missingTables, String iptablesVersion, boolean counters) {
        public Saved {
            tables = List.copyOf(tables);
            missingTables = List.copyOf(missingTables);
        }

        /** Metadata for storing this save as a snapshot of {@code kind}. */
        public SnapshotMeta snapshotMeta(SnapshotMeta.Kind kind, Endpoint from, String transaction, String note) {
            return new SnapshotMeta(SnapshotStore.newId(), kind, from.host(), from.netns().spec(), backend, family,
                    tables, Instant.now(), ToolVersion.get(), iptablesVersion, counters, null, 0, transaction, note);
        }
    }

    private Saver() {
    }

    /**
     * @param tables the tables to keep, empty for all; a requested table that does not exist is listed in
     *               {@link Saved#missingTables()}
     */
    public static Saved save(Endpoint ep, Backend backend, Family family, List<String> tables, boolean counters)
            throws RestoreException {
        Read read = ep.read(backend, family, counters);
        BinaryInfo bin = read.save();
        if (bin == null) {
            throw new RestoreException(Endpoint.missing(backend, family, ToolKind.SAVE));
        }
        if (read.noLegacyTables()) {
            return saved(ep, backend, family, tables, counters, bin, "");
        }
        if (read.result() == null) {
            CommandResult names = read.legacy().read();
            throw new RestoreException("cannot save " + backend.id() + " " + family.id() + ": cannot read "
                    + Quirks.legacyNamesFile(family) + ": " + names.summary(), List.of(names.stderrText().strip()));
        }
        CommandResult r = read.result();
        if (!r.ok()) {
            throw new RestoreException("cannot save " + backend.id() + " " + family.id() + ": " + bin.name() + " "
                    + r.summary(), List.of(r.stderrText().strip()));
        }
        return saved(ep, backend, family, tables, counters, bin, r.stdoutText());
    }

    private static Saved saved(Endpoint ep, Backend backend, Family family, List<String> tables, boolean counters,
                               BinaryInfo bin, String output) throws RestoreException {
        ParseResult parsed = SaveParser.parse(output, bin.name());
        if (!parsed.ok()) {
            throw new RestoreException(bin.name() + " printed output that does not parse",
                    parsed.errors().stream().map(e -> e.format()).toList());
        }
        Ruleset rs = parsed.ruleset();
        List<String> kept = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        if (tables.isEmpty()) {
            rs.tables().forEach(t -> kept.add(t.name()));
            body.append(output);
        } else {
            for (String name : tables) {
                Table t = rs.table(name).orElse(null);
                if (t == null) {
                    missing.add(name);
                } else {
                    kept.add(name);
                    body.append(SaveWriter.restore(t));
                }
            }
        }
        SaveHeaderLine header = new SaveHeaderLine(ep.host(), ep.netns().spec(), backend, family, kept, counters,
                Instant.now().toString());
        String text = header.format() + "\n" + body;
        Ruleset keptRules = tables.isEmpty() ? rs : SaveParser.parse(text, bin.name()).ruleset();
        return new Saved(backend, family, text, keptRules, kept, missing, bin.version(), counters);
    }
}
