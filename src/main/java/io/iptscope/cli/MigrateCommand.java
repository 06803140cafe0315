package io.iptscope.cli;

import io.iptscope.detect.EvidenceCollector;
import io.iptscope.detect.Observation;
import io.iptscope.detect.Strategies;
import io.iptscope.detect.TableEvidence;
import io.iptscope.detect.Verdict;
import io.iptscope.exec.CommandLog;
import io.iptscope.iptables.Endpoint;
import io.iptscope.restore.RestoreTransaction;
import io.iptscope.restore.Saver;
import io.iptscope.restore.SnapshotMeta;
import io.iptscope.restore.SnapshotStore;
import io.iptscope.restore.TransactionStore;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.rules.Table;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Copy the rules of one backend into the other with every safety step of restore, then name "
                + "the components that will keep writing to the old backend.")
final class MigrateCommand implements Callable<Integer> {

    @Mixin
    private TargetOptions targetOptions = new TargetOptions();

    @Option(names = "--from", required = true, description = "legacy or nft")
    private Backend from;

    @Option(names = "--to", required = true, description = "legacy or nft")
    private Backend to;

    @Option(names = "--family", defaultValue = "both", description = "ipv4, ipv6 or both (default: ${DEFAULT-VALUE}).")
    private FamilyChoice family;

    @Mixin
    private RestoreOptions restoreOptions = new RestoreOptions();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (from == to) {
            err.println("iptscope: --from and --to name the same backend");
            return ExitCodes.USAGE;
        }
        Endpoint ep = targetOptions.endpoint(new CommandLog(), restoreOptions.timeout());
        SnapshotStore store = SnapshotStore.defaultStore();
        List<RestoreTransaction.Input> inputs = new ArrayList<>();
        Set<String> owners = new LinkedHashSet<>();
        for (Family f : family.families()) {
            Saver.Saved source = Saver.save(ep, from, f, restoreOptions.tables, restoreOptions.counters);
            if (source.tables().isEmpty()) {
                out.println(from.id() + " " + f.id() + " has no table: nothing to migrate");
                continue;
            }
            store.add(source.snapshotMeta(SnapshotMeta.Kind.SAVE, ep, null, "migration source"), source.text());
            for (Table t : source.ruleset().tables()) {
                EvidenceCollector.summarise(t).owners().stream().map(TableEvidence.OwnerCount::owner)
                        .forEach(owners::add);
            }
            inputs.add(new RestoreTransaction.Input(f, from.id() + " " + f.id(), source.text()));
        }
        if (inputs.isEmpty()) {
            return ExitCodes.OK;
        }
        BackendChoice target = to == Backend.NFT ? BackendChoice.NFT : BackendChoice.LEGACY;
        int code = restoreOptions.run(spec.commandLine(), ep, store, TransactionStore.beside(store), target, inputs,
                true);
        if (code == ExitCodes.OK && !restoreOptions.dryRun) {
            remind(out, ep, owners);
        }
        return code;
    }

    /** The cause, not the symptom: who will write to the old backend again, and what detectors now say. */
    private void remind(PrintWriter out, Endpoint ep, Set<String> owners) {
        out.println("reminder: the rules are now in " + to.id() + " and still in " + from.id() + ".");
        if (!owners.isEmpty()) {
            out.println("  components whose chains were in " + from.id() + " will write there again until their "
                    + "binary choice is fixed: " + String.join(", ", owners));
        }
        Observation obs = new Observation(ep.binaries(),
                new EvidenceCollector(ep.runner(), ep.netns(), ep.binaries(), ep.timeout()).collect());
        List<String> stillOld = new ArrayList<>();
        for (Verdict v : Strategies.decideAll(obs)) {
            if (v.backend().backend().orElse(null) == from) {
                stillOld.add(v.strategy() + " (" + v.family().id() + ")");
            }
        }
        if (!stillOld.isEmpty()) {
            out.println("  detectors that would still choose " + from.id() + " here: " + String.join(", ", stillOld));
        }
        out.println("  once confirmed and those writers are fixed, empty " + from.id() + " (iptscope save --backend "
                + from.id() + " keeps a copy first).");
    }
}
