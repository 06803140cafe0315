package io.iptscope.exec;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Several independent commands as one POSIX {@code sh} script, so that a remote phase costs one ssh
 * session (one login shell) instead of one per command. Each argv is quoted by {@link ShellQuote};
 * each command runs in the background under coreutils {@code timeout} with its own timeout, its
 * stdout and stderr go to files, and when all have ended the script prints, per command, a header
 * with exit code, byte counts and duration followed by exactly those bytes: output is framed by
 * length, so nothing a command prints can be mistaken for a header.
 */
public final class RemoteBatch {

    /** Exit code of the script when it cannot even make its scratch directory. */
    static final int SETUP_FAILED = 125;
    /** Seconds between the remote SIGTERM and SIGKILL. */
    static final int KILL_AFTER_SECONDS = 2;
    private static final int TIMEOUT_TERM = 124;
    private static final int TIMEOUT_KILL = 128 + 9;

    private final List<Command> commands;
    private final String nonce;

    public RemoteBatch(List<Command> commands) {
        this(commands, UUID.randomUUID().toString());
    }

    RemoteBatch(List<Command> commands, String nonce) {
        for (Command c : commands) {
            if (c.stdin() != null) {
                throw new IllegalArgumentException("a batched command cannot take stdin: " + c);
            }
        }
        this.commands = List.copyOf(commands);
        this.nonce = nonce;
    }

    /** Whether these commands can travel as one batch: more than one, none of them reading stdin. */
    public static boolean batchable(List<Command> commands) {
        return commands.size() > 1 && commands.stream().allMatch(c -> c.stdin() == null);
    }

    /** The longest any command may run remotely, kill grace included: the batch's own limit. */
    public Duration longest() {
        return commands.stream().map(Command::timeout).max(Duration::compareTo).orElse(Duration.ZERO)
                .plusSeconds(KILL_AFTER_SECONDS);
    }

    /** The script, fed to {@code sh -s} on the remote side. */
    public String script() {
        StringBuilder s = new StringBuilder();
        s.append("export LC_ALL=C PATH=\"$PATH:/usr/sbin:/sbin\"\n");
        s.append("d=$(mktemp -d) || exit ").append(SETUP_FAILED).append('\n');
        s.append("trap 'rm -rf \"$d\"' EXIT\n");
        s.append("run() {\n");
        s.append("  i=$1; t=$2; shift 2\n");
        s.append("  s=$(date +%s%N)\n");
        s.append("  timeout -k ").append(KILL_AFTER_SECONDS)
                .append(" \"$t\" \"$@\" >\"$d/$i.o\" 2>\"$d/$i.e\" </dev/null\n");
        s.append("  echo $? >\"$d/$i.r\"\n");
        s.append("  echo $(( ($(date +%s%N) - s) / 1000000 )) >\"$d/$i.t\"\n");
        s.append("}\n");
        for (int i = 0; i < commands.size(); i++) {
            Command c = commands.get(i);
            s.append("run ").append(i).append(' ').append(seconds(c.timeout())).append(' ')
                    .append(ShellQuote.quote(c.argv())).append(" &\n");
        }
        s.append("wait\n");
        s.append("printf '@iptscope-batch %s\\n' ").append(ShellQuote.quote(nonce)).append('\n');
        s.append("i=0\n");
        s.append("while [ $i -lt ").append(commands.size()).append(" ]; do\n");
        s.append("  printf '@%s %s %s %s %s\\n' $i \"$(cat \"$d/$i.r\")\" \"$(wc -c <\"$d/$i.o\")\""
                + " \"$(wc -c <\"$d/$i.e\")\" \"$(cat \"$d/$i.t\")\"\n");
        s.append("  cat \"$d/$i.o\" \"$d/$i.e\"\n");
        s.append("  i=$((i + 1))\n");
        s.append("done\n");
        return s.toString();
    }

    /**
     * Each command's result from the batch's output. When the script did not get as far as its
     * frames (no {@code sh}, no {@code mktemp}), every command gets the batch's own failure.
     */
    public List<CommandResult> results(CommandResult batch) {
        byte[] out = batch.stdout();
        byte[] start = ("@iptscope-batch " + nonce + "\n").getBytes(StandardCharsets.US_ASCII);
        int pos = indexOf(out, start);
        if (pos < 0) {
            return failedAll(batch, "the remote batch script printed no results (" + batch.summary() + ")");
        }
        pos += start.length;
        List<CommandResult> results = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            int nl = indexOf(out, new byte[] {'\n'}, pos);
            if (nl < 0) {
                return failedAll(batch, "the remote batch output ends early, after " + i + " results");
            }
            String[] f = new String(out, pos, nl - pos, StandardCharsets.US_ASCII).strip().split("\\s+");
            if (f.length != 5 || !f[0].equals("@" + i)) {
                return failedAll(batch, "the remote batch output is garbled at result " + i);
            }
            int rc = parseInt(f[1], -1);
            int outLen = parseInt(f[2], 0);
            int errLen = parseInt(f[3], 0);
            long ms = parseInt(f[4], 0);
            int o = nl + 1;
            if (o + outLen + errLen > out.length) {
                return failedAll(batch, "the remote batch output ends inside result " + i);
            }
            Command c = commands.get(i);
            Duration took = Duration.ofMillis(ms);
            boolean timedOut = (rc == TIMEOUT_TERM || rc == TIMEOUT_KILL) && took.compareTo(c.timeout()) >= 0;
            results.add(new CommandResult(c, timedOut ? -1 : rc, Arrays.copyOfRange(out, o, o + outLen),
                    Arrays.copyOfRange(out, o + outLen, o + outLen + errLen), took, timedOut, null));
            pos = o + outLen + errLen;
        }
        return results;
    }

    private List<CommandResult> failedAll(CommandResult batch, String why) {
        String err = batch.stderrText().strip();
        return commands.stream().map(c -> new CommandResult(c, batch.timedOut() ? -1 : batch.exitCode(), null,
                (why + (err.isEmpty() ? "" : "\n" + err) + "\n").getBytes(StandardCharsets.UTF_8), batch.duration(),
                batch.timedOut(), null)).toList();
    }

    private static int parseInt(String s, int fallback) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        return indexOf(hay, needle, 0);
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", Math.max(d.toMillis(), 1) / 1000.0);
    }
}
