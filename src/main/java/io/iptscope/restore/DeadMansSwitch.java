package io.iptscope.restore;

import io.iptscope.exec.Command;
import io.iptscope.exec.CommandResult;
import io.iptscope.exec.CommandRunner;
import io.iptscope.exec.ShellQuote;
import java.time.Duration;
import java.util.List;

/**
 * A rollback armed on the machine that holds the rules, independent of the iptscope process and of
 * the connection to it: a detached {@code setsid} shell (or a {@code systemd-run} timer where systemd
 * runs) that sleeps, then rolls back unless a confirmation has renamed its {@code armed} marker.
 * Confirmation and rollback both claim that marker with an atomic rename, so exactly one of them wins.
 */
public final class DeadMansSwitch {

    static final String SCRIPT = "rollback.sh";

    private final CommandRunner runner;
    private final Duration timeout;
    private final TargetFiles files;

    /** @param runner runs on the machine that holds the rules (outside any netns) */
    public DeadMansSwitch(CommandRunner runner, Duration timeout) {
        this.runner = runner;
        this.timeout = timeout;
        this.files = new TargetFiles(runner, timeout);
    }

    /** The shell script that performs {@code steps}; every command line is built by {@link ShellQuote}. */
    static String script(String id, String stateDir, String netns, List<RollbackStep> steps) {
        String dir = ShellQuote.quote(stateDir);
        StringBuilder sb = new StringBuilder()
                .append("#!/bin/sh\n")
                .append("# iptscope dead-man's switch for restore ").append(id).append(" in ").append(netns)
                .append(": rolls back unless confirmed in time.\n")
                .append("dir=").append(dir).append('\n')
                .append("exec >>\"$dir/log\" 2>&1 </dev/null\n")
                .append("echo $$ >\"$dir/pid\"\n")
                .append("sleep \"$1\"\n")
                .append("# Claim the rollback; a confirmation that came first has already taken the marker.\n")
                .append("mv \"$dir/armed\" \"$dir/rolling-back\" 2>/dev/null || exit 0\n")
                .append("echo \"rollback started $(date -u +%FT%TZ)\"\n")
                .append("status=0\n");
        for (RollbackStep step : steps) {
            sb.append("# ").append(step.description().replace('\n', ' ')).append('\n');
            sb.append(ShellQuote.quote(step.argv())).append(" || status=1\n");
        }
        return sb.append("echo \"rollback finished, status $status\"\n")
                .append("mv \"$dir/rolling-back\" \"$dir/rolled-back\"\n")
                .toString();
    }

    /** Starts the timer; returns the mechanism used. The script and its files must already be in {@code stateDir}. */
    public String arm(String id, String stateDir, Duration delay) throws RestoreException {
        files.write(stateDir + "/" + SwitchState.ARMED.marker(), "armed\n");
        String script = stateDir + "/" + SCRIPT;
        long seconds = Math.max(1, delay.toSeconds());
        if (systemdRuns()) {
            CommandResult r = runner.run(Command.of("systemd-run", "--quiet", "--collect", "--unit=" + unit(id),
                    "--on-active=" + seconds + "s", "--timer-property=AccuracySec=100ms", "/bin/sh", script, "0")
                    .withTimeout(timeout));
            if (r.ok()) {
                return "systemd-run";
            }
        }
        CommandResult r = runner.run(Command.of("setsid", "-f", "/bin/sh", script, Long.toString(seconds))
                .withTimeout(timeout));
        if (!r.ok()) {
            throw new RestoreException("cannot arm the rollback timer: " + r.summary());
        }
        return "setsid";
    }

    /** Disarms: true when confirmed in time, false when the rollback had already claimed the marker. */
    public boolean confirm(String id, String stateDir, String mechanism) {
        if (!files.rename(stateDir + "/armed", stateDir + "/confirmed")) {
            return false;
        }
        stopTimer(id, stateDir, mechanism);
        return true;
    }

    /** Claims the rollback for a caller that performs it now; false when a confirmation or the timer came first. */
    public boolean claim(String id, String stateDir, String mechanism) {
        if (!files.rename(stateDir + "/armed", stateDir + "/rolling-back")) {
            return false;
        }
        stopTimer(id, stateDir, mechanism);
        return true;
    }

    /**
     * Runs the armed rollback now, on the target, with the script the timer would run; returns the state
     * afterwards ({@link SwitchState#CONFIRMED} when a confirmation came first).
     */
    public SwitchState rollbackNow(String id, String stateDir, String mechanism) {
        if (state(stateDir) == SwitchState.ARMED) {
            stopTimer(id, stateDir, mechanism);
            runner.run(Command.of("/bin/sh", stateDir + "/" + SCRIPT, "0").withTimeout(timeout.plusMinutes(5)));
        }
        return state(stateDir);
    }

    public void finished(String stateDir) {
        files.rename(stateDir + "/rolling-back", stateDir + "/rolled-back");
    }

    public SwitchState state(String stateDir) {
        List<String> present = files.present(stateDir, List.of("armed", "confirmed", "rolling-back", "rolled-back"));
        for (SwitchState s : SwitchState.values()) {
            if (present.contains(s.marker())) {
                return s;
            }
        }
        return SwitchState.UNKNOWN;
    }

    public String log(String stateDir) {
        return files.read(stateDir + "/log");
    }

    private void stopTimer(String id, String stateDir, String mechanism) {
        if ("systemd-run".equals(mechanism)) {
            runner.run(Command.of("systemctl", "stop", unit(id) + ".timer").withTimeout(timeout));
            return;
        }
        String pid = files.read(stateDir + "/pid").strip();
        if (pid.matches("[0-9]+")) {
            // The sleeping shell found nothing to claim anyway; ending it just leaves no process behind.
            runner.run(Command.of("kill", "-TERM", "--", "-" + pid).withTimeout(timeout));
        }
    }

    private boolean systemdRuns() {
        return runner.run(Command.of("test", "-d", "/run/systemd/system").withTimeout(timeout)).ok();
    }

    private static String unit(String id) {
        return "iptscope-rollback-" + id;
    }
}
