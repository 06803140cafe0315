package io.iptscope.cli;

import io.iptscope.exec.CommandLog;
import io.iptscope.iptables.Endpoint;
import io.iptscope.restore.RestoreTransaction;
import io.iptscope.restore.Snapshot;
import io.iptscope.restore.SnapshotStore;
import io.iptscope.restore.TransactionStore;
import io.iptscope.rules.Family;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restore rules safely: validate, --test, preview, back up every table, apply all families or "
                + "none, verify; optionally arm a rollback on the target that runs unless confirmed in time.",
                "Inputs: FILE (its family from its header, or --family), --ipv4 FILE, --ipv6 FILE, --snapshot ID; "
                        + "'-' reads stdin."})
final class RestoreCommand implements Callable<Integer> {

    @Mixin
    private TargetOptions targetOptions = new TargetOptions();

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "Rules in iptables-save format.")
    private String file;

    @Option(names = "--family", description = "Family of FILE when its header does not say (ipv4 or ipv6).")
    private Family family;

    @Option(names = "--ipv4", paramLabel = "FILE", description = "IPv4 rules.")
    private String ipv4;

    @Option(names = "--ipv6", paramLabel = "FILE", description = "IPv6 rules.")
    private String ipv6;

    @Option(names = "--snapshot", paramLabel = "ID", description = "Restore a snapshot (repeatable).")
    private List<String> snapshots = new ArrayList<>();

    @Option(names = "--backend", defaultValue = "auto", description = "Target backend: legacy, nft or auto "
            + "(default: ${DEFAULT-VALUE}, iptscope's recommendation).")
    private BackendChoice backend;

    @Mixin
    private RestoreOptions restoreOptions = new RestoreOptions();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        List<RestoreTransaction.Input> inputs = inputs();
        if (inputs.isEmpty()) {
            err.println("iptscope: nothing to restore: give FILE, --ipv4, --ipv6 or --snapshot");
            return ExitCodes.USAGE;
        }
        Endpoint ep = targetOptions.endpoint(new CommandLog(), restoreOptions.timeout());
        SnapshotStore store = SnapshotStore.defaultStore();
        return restoreOptions.run(spec.commandLine(), ep, store, TransactionStore.beside(store), backend, inputs, false);
    }

    private List<RestoreTransaction.Input> inputs() throws IOException {
        List<RestoreTransaction.Input> out = new ArrayList<>();
        if (file != null) {
            String text = read(file);
            Family f = family != null ? family : RestoreTransaction.Input.familyOf(text).orElse(Family.IPV4);
            out.add(new RestoreTransaction.Input(f, file, text));
        }
        if (ipv4 != null) {
            out.add(new RestoreTransaction.Input(Family.IPV4, ipv4, read(ipv4)));
        }
        if (ipv6 != null) {
            out.add(new RestoreTransaction.Input(Family.IPV6, ipv6, read(ipv6)));
        }
        SnapshotStore store = SnapshotStore.defaultStore();
        for (String id : snapshots) {
            Snapshot s = SnapshotsCommand.find(store, id);
            out.add(new RestoreTransaction.Input(s.meta().family(), "snapshot " + id, store.read(s)));
        }
        return out;
    }

    private static String read(String name) throws IOException {
        return RulesInput.read(name, System.in);
    }
}
