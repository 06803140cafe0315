package io.iptscope.cli;

import io.iptscope.restore.Snapshot;
import io.iptscope.restore.SnapshotStore;
import io.iptscope.rules.DiffFormatter;
import io.iptscope.rules.RulesetDiff;
import io.iptscope.rules.RulesetDiffer;
import io.iptscope.rules.SaveParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "snapshots", mixinStandardHelpOptions = true,
        description = "The snapshot store: saves and the backups every restore takes first.",
        subcommands = {SnapshotsCommand.ListSnapshots.class, SnapshotsCommand.Show.class, SnapshotsCommand.Diff.class,
                SnapshotsCommand.Remove.class})
final class SnapshotsCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A snapshot ID nobody saved is a usage error (exit 2), like a malformed one; an unreadable store is I/O. */
    static Snapshot find(SnapshotStore store, String id) throws IOException {
        return store.get(id).orElseThrow(() -> new IllegalArgumentException("no snapshot " + id + " in " + store.root()));
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List snapshots, oldest first.")
    static final class ListSnapshots implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            List<Snapshot> all = SnapshotStore.defaultStore().list();
            out.println(String.format("%-21s %-7s %-7s %-5s %-20s %-22s %s", "ID", "KIND", "BACKEND", "FAM", "TARGET",
                    "TIME", "TABLES"));
            for (Snapshot s : all) {
                var m = s.meta();
                out.println(String.format("%-21s %-7s %-7s %-5s %-20s %-22s %s", m.id(), m.kind().id(),
                        m.backend().id(), m.family().id().replace("ip", ""), m.host() + " " + m.netns(),
                        m.createdAt().truncatedTo(ChronoUnit.SECONDS),
                        String.join(",", m.tables())));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print a snapshot's rules.")
    static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "ID")
        private String id;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            SnapshotStore store = SnapshotStore.defaultStore();
            spec.commandLine().getOut().print(store.read(find(store, id)));
            return ExitCodes.OK;
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true, description = "Semantic diff of two snapshots.")
    static final class Diff implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "A")
        private String a;

        @Parameters(index = "1", paramLabel = "B")
        private String b;

        @Option(names = "--json", description = "Print the diff as JSON.")
        private boolean json;

        @Option(names = "--counters", description = "Compare counters too.")
        private boolean counters;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            SnapshotStore store = SnapshotStore.defaultStore();
            Snapshot sa = find(store, a);
            Snapshot sb = find(store, b);
            RulesetDiff diff = RulesetDiffer.diff(SaveParser.parse(store.read(sa), a).ruleset(),
                    SaveParser.parse(store.read(sb), b).ruleset(), a, b, counters);
            spec.commandLine().getOut().print(json ? DiffFormatter.json(diff) + "\n"
                    : DiffFormatter.text(diff, Terminal.colour()));
            return diff.isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove snapshots.")
    static final class Remove implements Callable<Integer> {
        @Parameters(paramLabel = "ID", arity = "1..*")
        private List<String> ids;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            SnapshotStore store = SnapshotStore.defaultStore();
            for (String id : ids) {
                find(store, id);
                store.remove(id);
                spec.commandLine().getOut().println("removed " + id);
            }
            return ExitCodes.OK;
        }
    }
}
