package io.iptscope.cli;

import io.iptscope.iptables.Endpoint;
import io.iptscope.restore.DeadMansSwitch;
import io.iptscope.restore.RestoreException;
import io.iptscope.restore.RestoreTransaction;
import io.iptscope.restore.SnapshotStore;
import io.iptscope.restore.TransactionStore;
import io.iptscope.rules.Backend;
import io.iptscope.rules.DiffFormatter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** The options and the flow shared by {@code restore} and {@code migrate}. */
final class RestoreOptions {

    @Option(names = {"-n", "--noflush"}, description = "Add to the tables instead of replacing them.")
    boolean noflush;

    @Option(names = {"-T", "--tables"}, split = ",", paramLabel = "T", description = "Only these tables of the input.")
    List<String> tables = new ArrayList<>();

    @Option(names = {"-c", "--counters"}, description = "Restore the counters of the input too.")
    boolean counters;

    @Option(names = "--force", description = "Go on despite warnings (input from the other backend or family, "
            + "target backend empty while the other holds rules).")
    boolean force;

    @Option(names = "--confirm-within", paramLabel = "SECONDS",
            description = "Arm a rollback on the target that runs unless 'iptscope confirm ID' comes in time.")
    Integer confirmWithin;

    @Option(names = "--yes", description = "Apply without asking.")
    boolean yes;

    @Option(names = "--dry-run", description = "Validate, test and preview only.")
    boolean dryRun;

    @Option(names = "--lock-wait", defaultValue = "10", paramLabel = "SECONDS",
            description = "How long legacy restores wait for the xtables lock (default: ${DEFAULT-VALUE}).")
    int lockWait;

    @Option(names = "--state-dir", defaultValue = "${sys:" + RestoreTransaction.Options.STATE_ROOT_PROPERTY + ":-"
            + RestoreTransaction.Options.DEFAULT_STATE_ROOT + "}", hidden = true,
            description = "Where transaction state lives on the target machine.")
    String stateDir;

    @Option(names = "--timeout", defaultValue = "30", description = "Timeout of each command in seconds.")
    int timeoutSeconds;

    Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }

    int run(CommandLine cl, Endpoint ep, SnapshotStore store, TransactionStore txns, BackendChoice backend,
            List<RestoreTransaction.Input> inputs, boolean crossBackend) throws RestoreException, IOException {
        PrintWriter out = cl.getOut();
        if (confirmWithin != null && confirmWithin < 1) {
            throw new IllegalArgumentException("--confirm-within must be at least 1 second");
        }
        Backend target = null;
        BackendChoice.Resolver resolver = backend.resolver(ep);
        for (RestoreTransaction.Input in : inputs) {
            Backend b = resolver.backend(in.family());
            if (target != null && b != target) {
                throw new RestoreException("--backend auto chose different backends per family; name one with --backend");
            }
            target = b;
        }
        RestoreTransaction.Options opts = new RestoreTransaction.Options(target, noflush, tables, counters, force,
                confirmWithin == null ? null : Duration.ofSeconds(confirmWithin), lockWait, stateDir, crossBackend);
        RestoreTransaction txn = new RestoreTransaction(ep, store, txns, opts);
        RestoreTransaction.Prepared prepared = txn.prepare(inputs);
        for (RestoreTransaction.Plan p : prepared.plans()) {
            out.println("== " + p.name() + " -> " + p.backend().id() + " " + p.family().id() + " of " + ep.netns().spec()
                    + " on " + ep.host());
            out.println("   " + p.family().toolPrefix() + "-" + p.backend().id() + "-restore --test: ok, run "
                    + p.testedIn());
            out.print(DiffFormatter.text(p.preview(), Terminal.colour()));
            if (!p.newTables().isEmpty()) {
                out.println("   new tables (removed again on rollback): " + String.join(", ", p.newTables()));
            }
        }
        prepared.warnings().forEach(w -> out.println("warning (--force given): " + w));
        if (dryRun) {
            out.println("dry run: nothing applied");
            return ExitCodes.OK;
        }
        if (!yes && !askYes(out, "apply? [y/N] ", null)) {
            out.println(System.console() == null ? "not applied: no terminal to ask; add --yes" : "not applied");
            out.flush();
            return ExitCodes.FINDINGS;
        }
        out.println("restore " + prepared.id() + ": recording, locking the target, backing up, applying");
        out.flush();
        RestoreTransaction.Applied applied = txn.apply(prepared);
        applied.backups().forEach(b -> out.println("backup " + b.meta().backend().id() + " " + b.meta().family().id()
                + ": snapshot " + b.meta().id()));
        if (applied.verification().isEmpty()) {
            out.println("verified: the kernel holds what the input says");
        } else {
            applied.verification().forEach(v -> out.println("VERIFY: " + v));
        }
        if (applied.armed() == null) {
            out.flush();
            return applied.verification().isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
        }
        out.println("armed: restore " + applied.id() + " rolls back at " + applied.armed().deadline()
                + " unless confirmed; from any shell or a new SSH session: iptscope confirm " + applied.id());
        out.flush();
        if (System.console() != null && askYes(out, "keep the new rules? type y within " + confirmWithin + " s: ",
                Duration.ofSeconds(confirmWithin))) {
            boolean ok = new DeadMansSwitch(ep.runner(), ep.timeout()).confirm(applied.id(), applied.armed().stateDir(),
                    applied.armed().mechanism());
            out.println(ok ? "confirmed: the new rules stay" : "too late: the rollback had already started");
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Asks on the terminal; without one there is nobody to answer. */
    private static boolean askYes(PrintWriter out, String question, Duration within) {
        if (System.console() == null) {
            return false;
        }
        out.print(question);
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return in.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String answer = within == null ? line.get() : line.get(within.toMillis(), TimeUnit.MILLISECONDS);
            return answer != null && answer.trim().toLowerCase(Locale.ROOT).startsWith("y");
        } catch (TimeoutException e) {
            out.println();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

}
