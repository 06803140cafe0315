package io.iptscope.cli;

import io.iptscope.exec.CommandLog;
import io.iptscope.iptables.Endpoint;
import io.iptscope.restore.Saver;
import io.iptscope.restore.Snapshot;
import io.iptscope.restore.SnapshotMeta;
import io.iptscope.restore.SnapshotStore;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

@Command(name = "save", mixinStandardHelpOptions = true,
        description = "Save a backend's tables in iptables-save format into the snapshot store (and a file).")
final class SaveCommand implements Callable<Integer> {

    @Mixin
    private TargetOptions targetOptions = new TargetOptions();

    @Option(names = "--backend", defaultValue = "auto", description = "legacy, nft or auto (default: ${DEFAULT-VALUE}).")
    private BackendChoice backend;

    @Option(names = "--family", defaultValue = "both", description = "ipv4, ipv6 or both (default: ${DEFAULT-VALUE}).")
    private FamilyChoice family;

    @Option(names = "--tables", split = ",", paramLabel = "T", description = "Only these tables (default: all).")
    private List<String> tables = new ArrayList<>();

    @Option(names = {"-c", "--counters"}, description = "Keep packet and byte counters.")
    private boolean counters;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Also write the save to FILE (with --family both: FILE for IPv4 and FILE.ipv6 for IPv6).")
    private Path output;

    @Option(names = "--timeout", defaultValue = "30", description = "Timeout of each command in seconds.")
    private int timeoutSeconds;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Endpoint ep = targetOptions.endpoint(new CommandLog(), Duration.ofSeconds(timeoutSeconds));
        SnapshotStore store = SnapshotStore.defaultStore();
        BackendChoice.Resolver resolver = backend.resolver(ep);
        for (Family f : family.families()) {
            Backend b = resolver.backend(f);
            Saver.Saved saved = Saver.save(ep, b, f, tables, counters);
            Snapshot snap = store.add(saved.snapshotMeta(SnapshotMeta.Kind.SAVE, ep, null, null), saved.text());
            out.println("saved " + b.id() + " " + f.id() + " (" + saved.ruleset().ruleCount() + " rules in "
                    + (saved.tables().isEmpty() ? "no table" : String.join(", ", saved.tables())) + ") as snapshot "
                    + snap.meta().id());
            if (!saved.missingTables().isEmpty()) {
                err.println("note: no table " + String.join(", ", saved.missingTables()) + " in " + b.id() + " "
                        + f.id());
            }
            if (output != null) {
                Path file = f == Family.IPV6 && family == FamilyChoice.BOTH
                        ? output.resolveSibling(output.getFileName() + ".ipv6") : output;
                Files.writeString(file, saved.text(), StandardCharsets.UTF_8);
                out.println("wrote " + file);
            }
        }
        return ExitCodes.OK;
    }
}
