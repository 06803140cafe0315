package io.iptscope.restore;

import io.iptscope.exec.Command;
import io.iptscope.exec.CommandResult;
import io.iptscope.exec.CommandRunner;
import io.iptscope.exec.ShellQuote;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A rollback armed on the machine that holds the rules, independent of the iptscope process and of
 * the connection to it: a detached {@code setsid} shell (or a {@code systemd-run} timer where systemd
 * runs) that sleeps, then rolls back unless a confirmation has renamed its {@code armed} marker.
 *
 * <p>Every path claims that marker with an atomic rename before it acts: the timer
 * ({@code armed → rolling-back}), {@code rollback} now (the same), {@code confirm}
 * ({@code armed → confirmed}); exactly one wins, and the others wait (bounded) for the winner to settle
 * and report what it did. The rollback itself is always the script, which checks before every write that
 * the netns is still the one the restore was applied to, marks the end {@code rolled-back} or
 * {@code failed}, and gives the target's restore lock back.
 */
public final class DeadMansSwitch {

    static final String SCRIPT = "rollback.sh";
    /** The mechanism of a restore without a timer: the marker is claimed the same way, nothing fires. */
    public static final String NO_TIMER = "none";
    static final String LOCKS_FILE = "locks";
    private static final Duration POLL = Duration.ofMillis(200);

    private final CommandRunner runner;
    private final Duration timeout;
    private final TargetFiles files;

    /** @param runner runs on the machine that holds the rules (outside any netns) */
    public DeadMansSwitch(CommandRunner runner, Duration timeout) {
        this.runner = runner;
        this.timeout = timeout;
        this.files = new TargetFiles(runner, timeout);
    }

    /**
     * The shell script that performs {@code steps}; every command line is built by {@link ShellQuote}.
     * {@code sh rollback.sh DELAY} is the timer; {@code sh rollback.sh 0 claimed} runs it for a caller that
     * has already claimed the marker.
     */
    static String script(String id, String stateDir, String netns, NetnsIdentity identity, TransactionLock lock,
                         List<String> lockKeys, List<RollbackStep> steps) {
        String dir = ShellQuote.quote(stateDir);
        StringBuilder sb = new StringBuilder()
                .append("#!/bin/sh\n")
                .append("# iptscope dead-man's switch for restore ").append(id).append(" in ").append(netns)
                .append(": rolls back unless confirmed in time.\n")
                .append("dir=").append(dir).append('\n')
                .append("exec >>\"$dir/log\" 2>&1 </dev/null\n")
                .append(identity.shellCheck())
                .append("settle() {\n")
                .append("  mv \"$dir/rolling-back\" \"$dir/$1\"\n")
                .append(lock.shellRelease(id, lockKeys))
                .append("  echo \"rollback finished, status $2: $1 $(date -u +%FT%TZ)\"\n")
                .append("  exit \"$2\"\n")
                .append("}\n")
                .append("check() {\n")
                .append("  why=$(same_netns) || { echo \"netns ").append(netns.replace('"', '\''))
                .append(" $why: it is not the netns this restore was applied to; nothing written\"; settle failed 1; }\n")
                .append("}\n")
                .append("if [ \"$2\" != claimed ]; then\n")
                .append("  echo \"$$ $(start_time $$)\" >\"$dir/pid\"\n")
                .append("  sleep \"$1\"\n")
                .append("  # Claim the rollback; a confirmation or a rollback-now that came first has taken the marker.\n")
                .append("  mv \"$dir/armed\" \"$dir/rolling-back\" 2>/dev/null || exit 0\n")
                .append("fi\n")
                .append("echo \"rollback started $(date -u +%FT%TZ)\"\n")
                .append("status=0\n");
        for (RollbackStep step : steps) {
            sb.append("# ").append(step.description().replace('\n', ' ')).append('\n');
            sb.append("check\n");
            sb.append(ShellQuote.quote(step.argv())).append(" || status=1\n");
        }
        return sb.append("[ $status = 0 ] && settle rolled-back 0\n")
                .append("settle failed 1\n")
                .toString();
    }

    /** The timer this machine offers: a systemd timer where systemd runs, else a detached shell. */
    public String mechanism() {
        return runner.run(Command.of("test", "-d", "/run/systemd/system").withTimeout(timeout)).ok()
                ? "systemd-run" : "setsid";
    }

    /** Writes the marker every path claims; from here on the transaction is settled only through it. */
    void markPending(String stateDir) throws RestoreException {
        files.write(stateDir + "/" + SwitchState.ARMED.marker(), "armed\n");
    }

    /** Starts the timer; returns the mechanism used. The script, its files and the marker must be in place. */
    String arm(String id, String stateDir, Duration delay, String mechanism) throws RestoreException {
        String script = stateDir + "/" + SCRIPT;
        long seconds = Math.max(1, delay.toSeconds());
        if ("systemd-run".equals(mechanism)) {
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
            throw new RestoreException("cannot arm the rollback timer: " + r.summary() + "; nothing was applied");
        }
        return "setsid";
    }

    /** Disarms: true when confirmed, false when a rollback had already claimed the marker. */
    public boolean confirm(String id, String stateDir, String mechanism) {
        if (!files.rename(stateDir + "/armed", stateDir + "/confirmed")) {
            return false;
        }
        stopTimer(id, stateDir, mechanism);
        releaseLocks(id, stateDir);
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

    /** Runs the script for a caller that holds the claim; returns the state it settled in. */
    SwitchState runClaimed(String stateDir, Duration within) {
        runner.run(Command.of("/bin/sh", stateDir + "/" + SCRIPT, "0", "claimed").withTimeout(within));
        return state(stateDir);
    }

    /**
     * Rolls back now with the armed script, after claiming the marker; when another path (the timer, a
     * confirmation) holds it, waits up to {@code wait} for that one to settle. Returns the state afterwards.
     */
    public SwitchState rollbackNow(String id, String stateDir, String mechanism, Duration wait) {
        if (claim(id, stateDir, mechanism)) {
            return runClaimed(stateDir, timeout.plusMinutes(5));
        }
        return awaitSettled(stateDir, wait);
    }

    /** Polls until the switch is confirmed, rolled back or failed, or {@code wait} has passed. */
    public SwitchState awaitSettled(String stateDir, Duration wait) {
        Instant until = Instant.now().plus(wait);
        SwitchState s = state(stateDir);
        while (!s.settled() && s != SwitchState.UNKNOWN && Instant.now().isBefore(until)) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return s;
            }
            s = state(stateDir);
        }
        return s;
    }

    /** Gives back the target locks this transaction holds (once settled, or left by a crashed process). */
    public void releaseLocks(String id, String stateDir) {
        String root = parent(stateDir);
        List<String> keys = files.read(stateDir + "/" + LOCKS_FILE).lines().map(String::strip)
                .filter(TransactionLock::validKey).toList();
        new TransactionLock(runner, timeout, root).release(id, keys);
    }

    public SwitchState state(String stateDir) {
        List<String> present = files.present(stateDir, SwitchState.markers());
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

    /**
     * Ends the sleeping timer. Its pid file is checked first: the process must still have the start
     * time the script recorded and run this transaction's script, so no other process group is signalled.
     */
    private void stopTimer(String id, String stateDir, String mechanism) {
        if ("systemd-run".equals(mechanism)) {
            runner.run(Command.of("systemctl", "stop", unit(id) + ".timer").withTimeout(timeout));
            return;
        }
        if (!"setsid".equals(mechanism)) {
            return;
        }
        String[] pid = files.read(stateDir + "/pid").strip().split(" ");
        if (pid.length != 2 || !pid[0].matches("[1-9][0-9]{0,9}") || !pid[1].matches("[0-9]{1,19}")) {
            return;
        }
        long p = Long.parseLong(pid[0]);
        if (NetnsIdentity.startTime(runner, p, timeout) != Long.parseLong(pid[1])) {
            return;
        }
        String cmdline = files.read("/proc/" + p + "/cmdline").replace('\0', ' ');
        if (!cmdline.contains(stateDir + "/" + SCRIPT)) {
            return;
        }
        // The sleeping shell found nothing to claim anyway; ending it just leaves no process behind.
        runner.run(Command.of("kill", "-TERM", "--", "-" + p).withTimeout(timeout));
    }

    private static String parent(String stateDir) {
        int slash = stateDir.lastIndexOf('/');
        return slash <= 0 ? "/" : stateDir.substring(0, slash);
    }

    private static String unit(String id) {
        return "iptscope-rollback-" + id;
    }
}
