package io.iptscope.restore;

import io.iptscope.exec.CommandRunner;
import io.iptscope.exec.RunningUser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A transaction record is input, not truth: before {@code confirm} or {@code rollback} acts on one it must
 * name its own id, a known mechanism and exactly {@code STATE_ROOT/ID} as its state directory, and on the
 * target that directory, the root above it and the script in it must belong to the user the commands run
 * as and be private (0700, script not writable by others). The pid of the timer is not taken from the
 * record at all ({@link DeadMansSwitch} checks the one in the state directory by start time and command line).
 */
public final class RecordValidator {

    private static final Set<String> MECHANISMS = Set.of(DeadMansSwitch.NO_TIMER, "setsid", "systemd-run");

    private RecordValidator() {
    }

    /** The record's own fields, before anything connects. */
    public static void checkRecord(TransactionRecord rec, String id, String stateRoot) throws RestoreException {
        String why = null;
        String expected = Path.of(stateRoot).normalize().resolve(id).toString();
        if (!id.equals(rec.id())) {
            why = "it is the record of '" + rec.id() + "'";
        } else if (!MECHANISMS.contains(rec.mechanism())) {
            why = "unknown timer mechanism '" + rec.mechanism() + "'";
        } else if (rec.stateDir() == null || !rec.stateDir().equals(expected)) {
            why = "its state directory '" + rec.stateDir() + "' is not " + expected
                    + " (the transaction root is " + stateRoot + ")";
        } else if (rec.host() == null || rec.host().isBlank()) {
            why = "it names no host";
        } else if (!rec.backups().stream().allMatch(TransactionStore::validId)) {
            why = "it lists a backup that is not a snapshot id";
        }
        if (why != null) {
            throw refusal(id, why);
        }
    }

    /** The state on the target: ours and private, so what the script would run is what iptscope wrote. */
    public static void checkTarget(CommandRunner runner, Duration timeout, TransactionRecord rec, String stateRoot)
            throws RestoreException {
        TargetFiles files = new TargetFiles(runner, timeout);
        OptionalLong runsAs = RunningUser.uid(runner, timeout);
        if (runsAs.isEmpty()) {
            throw refusal(rec.id(), "cannot tell which user runs the commands on " + runner.host());
        }
        String uid = Long.toString(runsAs.getAsLong());
        for (String[] expect : List.of(new String[] {stateRoot, "directory"}, new String[] {rec.stateDir(), "directory"},
                new String[] {rec.stateDir() + "/" + DeadMansSwitch.SCRIPT, "regular file"})) {
            String stat = files.stat(expect[0]);
            if (stat.isEmpty()) {
                if (expect[1].equals("directory") && expect[0].equals(rec.stateDir())) {
                    return;
                }
                throw refusal(rec.id(), expect[0] + " is missing");
            }
            String[] f = stat.split(" ", 3);
            boolean dir = expect[1].equals("directory");
            int mode = Integer.parseInt(f[1], 8);
            if (!f[0].equals(uid) || !f[2].equals(expect[1]) || (dir ? mode != 0700 : (mode & 022) != 0)) {
                throw refusal(rec.id(), expect[0] + " is not a private " + expect[1] + " of uid " + uid + " (stat: "
                        + stat + ")");
            }
        }
    }

    private static RestoreException refusal(String id, String why) {
        return new RestoreException("refusing the record of restore " + id + ": " + why + "; nothing was run or "
                + "signalled. If you did not craft it, remove it from the transactions directory.");
    }
}
