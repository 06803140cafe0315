package io.iptscope.cli;

import io.iptscope.exec.CommandLog;
import io.iptscope.exec.CommandRunner;
import io.iptscope.restore.DeadMansSwitch;
import io.iptscope.restore.SnapshotStore;
import io.iptscope.restore.SwitchState;
import io.iptscope.restore.TransactionRecord;
import io.iptscope.restore.TransactionStore;
import java.io.IOException;
import java.io.PrintWriter;
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

    @Override
    public Integer call() throws IOException {
        return Switches.act(spec, targetOptions, id, false);
    }

    /** Shared by confirm and rollback: find the record, reach its host, act on its switch. */
    static final class Switches {
        private Switches() {
        }

        static int act(CommandLine.Model.CommandSpec spec, TargetOptions targetOptions, String id, boolean rollBack)
                throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            TransactionRecord rec = TransactionStore.beside(SnapshotStore.defaultStore()).get(id).orElse(null);
            if (rec == null) {
                err.println("iptscope: no armed restore " + id + " is known here");
                return ExitCodes.USAGE;
            }
            CommandRunner runner = targetOptions.runner(new CommandLog());
            if (!runner.host().equals(rec.host())) {
                err.println("iptscope: restore " + id + " was armed on " + rec.host() + ", not " + runner.host());
                return ExitCodes.USAGE;
            }
            DeadMansSwitch dms = new DeadMansSwitch(runner, Duration.ofSeconds(30));
            if (rollBack) {
                SwitchState s = dms.rollbackNow(id, rec.stateDir(), rec.mechanism());
                out.println("restore " + id + ": " + s.id());
                out.print(dms.log(rec.stateDir()));
                return s == SwitchState.ROLLED_BACK ? ExitCodes.OK : ExitCodes.FINDINGS;
            }
            if (dms.confirm(id, rec.stateDir(), rec.mechanism())) {
                out.println("confirmed: restore " + id + " stays; its backups " + rec.backups() + " remain in the "
                        + "snapshot store");
                return ExitCodes.OK;
            }
            SwitchState s = dms.state(rec.stateDir());
            err.println("iptscope: restore " + id + " cannot be confirmed: it is " + s.id()
                    + (s == SwitchState.ROLLED_BACK || s == SwitchState.ROLLING_BACK ? " (the time was up)" : ""));
            return ExitCodes.FINDINGS;
        }
    }
}
