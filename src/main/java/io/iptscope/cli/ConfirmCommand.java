package io.iptscope.cli;

import io.iptscope.exec.CommandLog;
import io.iptscope.exec.CommandRunner;
import io.iptscope.restore.DeadMansSwitch;
import io.iptscope.restore.RecordValidator;
import io.iptscope.restore.RestoreException;
import io.iptscope.restore.RestoreTransaction;
import io.iptscope.restore.SnapshotStore;
import io.iptscope.restore.SwitchState;
import io.iptscope.restore.TransactionRecord;
import io.iptscope.restore.TransactionStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "confirm", mixinStandardHelpOptions = true,
        description = "Keep the rules of an armed restore: disarm its rollback (from a new shell or SSH session).")
final class ConfirmCommand implements Callable<Integer> {

    @Mixin
    private TargetOptions targetOptions = new TargetOptions();

    @Parameters(paramLabel = "ID", description = "The restore id that 'iptscope restore --confirm-within' printed.")
    private String id;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private SwitchOptions switchOptions = new SwitchOptions();

    @Override
    public Integer call() throws IOException, RestoreException {
        return Switches.act(spec, targetOptions, switchOptions, id, false);
    }

    /** Where the switch's state lives and how long to wait for a rollback already under way. */
    static final class SwitchOptions {
        @CommandLine.Option(names = "--state-dir", defaultValue = "${sys:"
                + RestoreTransaction.Options.STATE_ROOT_PROPERTY + ":-" + RestoreTransaction.Options.DEFAULT_STATE_ROOT
                + "}", hidden = true, description = "Where transaction state lives on the target machine.")
        String stateRoot;

        @CommandLine.Option(names = "--wait", defaultValue = "90", paramLabel = "SECONDS",
                description = "How long to wait for a rollback already under way to finish (default: ${DEFAULT-VALUE}).")
        int waitSeconds;
    }

    /** Shared by confirm and rollback: find the record, check it, reach its host, claim the switch, report. */
    static final class Switches {
        private Switches() {
        }

        static int act(CommandLine.Model.CommandSpec spec, TargetOptions targetOptions, SwitchOptions opts, String id,
                       boolean rollBack) throws IOException, RestoreException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            TransactionRecord rec = TransactionStore.beside(SnapshotStore.defaultStore()).get(id).orElse(null);
            if (rec == null) {
                err.println("iptscope: no restore " + id + " is known here");
                return ExitCodes.USAGE;
            }
            RecordValidator.checkRecord(rec, id, opts.stateRoot);
            CommandRunner runner = targetOptions.runner(new CommandLog());
            if (!runner.host().equals(rec.host())) {
                err.println("iptscope: restore " + id + " was applied on " + rec.host() + ", not " + runner.host());
                return ExitCodes.USAGE;
            }
            Duration timeout = Duration.ofSeconds(30);
            RecordValidator.checkTarget(runner, timeout, rec, Path.of(opts.stateRoot).normalize().toString());
            DeadMansSwitch dms = new DeadMansSwitch(runner, timeout);
            Duration wait = Duration.ofSeconds(Math.max(0, opts.waitSeconds));
            if (rollBack) {
                SwitchState s = dms.rollbackNow(id, rec.stateDir(), rec.mechanism(), wait);
                if (s.settled()) {
                    dms.releaseLocks(id, rec.stateDir());
                }
                out.println("restore " + id + ": " + s.id() + describe(s));
                out.print(dms.log(rec.stateDir()));
                out.flush();
                return s == SwitchState.ROLLED_BACK ? ExitCodes.OK : ExitCodes.FINDINGS;
            }
            if (dms.confirm(id, rec.stateDir(), rec.mechanism())) {
                out.println("confirmed: restore " + id + " stays; its backups " + rec.backups() + " remain in the "
                        + "snapshot store");
                return ExitCodes.OK;
            }
            SwitchState s = dms.awaitSettled(rec.stateDir(), wait);
            if (s.settled() || s == SwitchState.UNKNOWN) {
                // A crashed restore may have left the target's lock behind; a settled one holds nothing.
                dms.releaseLocks(id, rec.stateDir());
            }
            err.println("iptscope: restore " + id + " cannot be confirmed: it is " + s.id() + describe(s));
            err.print(dms.log(rec.stateDir()));
            err.flush();
            return ExitCodes.FINDINGS;
        }

        private static String describe(SwitchState s) {
            return switch (s) {
                case ROLLED_BACK -> " (the backups are back in place)";
                case ROLLING_BACK -> " (a rollback is still running, e.g. waiting for the xtables lock; ask again later)";
                case FAILED -> " (the rollback did not complete: see its log; the backups are in the snapshot store)";
                case CONFIRMED -> " (the new rules stay)";
                case ARMED -> " (still armed)";
                case UNKNOWN -> " (its state directory is gone: the machine rebooted, or it never got that far)";
            };
        }
    }
}
