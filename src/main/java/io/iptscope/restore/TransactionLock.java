package io.iptscope.restore;

import io.iptscope.exec.Command;
import io.iptscope.exec.CommandResult;
import io.iptscope.exec.CommandRunner;
import io.iptscope.exec.ShellQuote;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One armed transaction per target: a directory {@code locks/KEY} beside the transaction state on the
 * machine that holds the rules, created with {@code mkdir} (atomic there, whether iptscope runs
 * locally or over SSH) and holding the owner's transaction id. KEY names the netns by identity, the
 * backend and the family. It is taken before the backup and released only when the transaction is
 * settled (confirmed, rolled back or failed) by whichever path won the switch's marker; a crashed
 * process leaves it in place, and the refusal names the transaction to settle.
 */
public final class TransactionLock {

    static final String DIR = "locks";
    private static final Pattern KEY = Pattern.compile("(legacy|nft)-(ipv4|ipv6)-ns-[0-9]+-[0-9]+");

    private final CommandRunner runner;
    private final Duration timeout;
    private final String locksDir;

    /** @param stateRoot the transaction root on the target; the locks live in its {@value #DIR} directory */
    public TransactionLock(CommandRunner runner, Duration timeout, String stateRoot) {
        this.runner = runner;
        this.timeout = timeout;
        this.locksDir = stateRoot + "/" + DIR;
    }

    public String locksDir() {
        return locksDir;
    }

    public static String key(NetnsIdentity netns, Backend backend, Family family) {
        return backend.id() + "-" + family.id() + "-" + netns.lockKey();
    }

    static boolean validKey(String key) {
        return KEY.matcher(key).matches();
    }

    /**
     * Takes every key for {@code id}, or none: on a refusal the keys already taken are given back.
     *
     * @param describe names a holder for the message (its state), given its id
     */
    public void acquire(String id, List<String> keys, java.util.function.Function<String, String> describe)
            throws RestoreException {
        run(Command.of("mkdir", "-p", "-m", "0700", locksDir), "create " + locksDir);
        List<String> taken = new ArrayList<>();
        for (String key : keys) {
            if (!validKey(key)) {
                throw new IllegalArgumentException("not a lock key: " + key);
            }
            String dir = locksDir + "/" + key;
            CommandResult mk = runner.run(Command.of("mkdir", "-m", "0700", dir).withTimeout(timeout));
            if (!mk.ok()) {
                release(id, taken);
                String holder = holder(key);
                if (holder.isEmpty() && !runner.run(Command.of("test", "-d", dir).withTimeout(timeout)).ok()) {
                    throw new RestoreException("cannot take the restore lock " + dir + ": " + mk.summary()
                            + "; nothing was applied");
                }
                throw busy(key, holder, describe.apply(holder));
            }
            taken.add(key);
            CommandResult w = runner.run(Command.of("dd", "of=" + dir + "/id", "conv=fsync", "status=none")
                    .withStdin((id + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)).withTimeout(timeout));
            if (!w.ok()) {
                release(id, taken);
                throw new RestoreException("cannot write the restore lock " + dir + ": " + w.summary()
                        + "; nothing was applied");
            }
        }
    }

    /** The transaction holding {@code key}, or "" when the lock is free (or its id file unreadable). */
    public String holder(String key) {
        CommandResult r = runner.run(Command.of("cat", locksDir + "/" + key + "/id").withTimeout(timeout));
        String id = r.ok() ? r.stdoutText().strip() : "";
        return TransactionStore.validId(id) ? id : "";
    }

    /** Gives back the keys that {@code id} holds; a key another transaction holds is left alone. */
    public void release(String id, List<String> keys) {
        for (String key : keys) {
            if (validKey(key) && id.equals(holder(key))) {
                runner.run(Command.of("rm", "-rf", "--", locksDir + "/" + key).withTimeout(timeout));
            }
        }
    }

    /** The shell lines that release {@code keys} for {@code id}, for the rollback script. */
    String shellRelease(String id, List<String> keys) {
        StringBuilder sb = new StringBuilder();
        for (String key : keys) {
            String dir = ShellQuote.quote(locksDir + "/" + key);
            sb.append("  [ \"$(cat ").append(dir).append("/id 2>/dev/null)\" = ").append(id).append(" ] && rm -rf -- ")
                    .append(dir).append('\n');
        }
        return sb.toString();
    }

    private static RestoreException busy(String key, String holder, String state) {
        if (holder.isEmpty()) {
            return new RestoreException("another restore is taking " + key + " right now; try again in a moment; "
                    + "nothing was applied");
        }
        return new RestoreException("refusing: restore " + holder + " is not settled on this target (" + key + ", "
                + state + "); one restore at a time per netns, backend and family, or the backups of one would "
                + "capture the other's rules. Settle it first: 'iptscope confirm " + holder + "' keeps its rules, "
                + "'iptscope rollback " + holder + "' restores its backup. Nothing was applied.",
                List.of("lock: " + key + " held by " + holder));
    }

    private void run(Command c, String what) throws RestoreException {
        CommandResult r = runner.run(c.withTimeout(timeout));
        if (!r.ok()) {
            throw new RestoreException("cannot " + what + ": " + r.summary() + "; nothing was applied");
        }
    }
}
