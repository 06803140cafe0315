package io.iptscope.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Several independent commands as one request to a {@link RemoteShell}, so that a remote phase costs
 * no ssh session (no login shell) at all. Each argv is quoted by {@link ShellQuote}; each command runs
 * in the background under coreutils {@code timeout} (a generous hard cap only: the local
 * {@link ProgressWatchdog} decides when a command is hung), its stdout and stderr go to files. While
 * they run, a progress line every {@link #TICK} reports, per running command, the bytes it wrote so
 * far and the CPU ticks of its process tree. When all have ended the request prints, per command, a
 * header with exit code, byte counts and duration followed by exactly those bytes: output is framed
 * by length, so nothing a command prints can be mistaken for a header.
 *
 * <p>A command's stdin (a restore, a sudo password line) follows the request on the shell's stdin, in
 * the order of the commands; {@code head -c} hands exactly its bytes through a FIFO, so they never
 * touch a file, and what the command leaves unread is drained.
 *
 * <p>Then the request reads control lines from the shell's stdin: {@code k<i>} ends command
 * {@code i} (hung or cancelled) with SIGTERM to its {@code timeout}, which passes it on to the
 * command's group and follows with SIGKILL; {@code e} ends the request once its frames were read.
 */
public final class RemoteBatch {

    /** Seconds between the remote SIGTERM and SIGKILL. */
    static final int KILL_AFTER_SECONDS = 2;
    /** How often a running request reports progress. */
    static final Duration TICK = Duration.ofMillis(500);
    static final String PROGRESS = "@iptscope-progress";
    private static final String START = "@iptscope-batch ";
    private static final String FAIL = "@iptscope-fail ";
    /** The remote hard cap is this many times the command's own (no-progress) timeout... */
    private static final int HARD_CAP_FACTOR = 10;
    /** ...and at least this long. */
    private static final Duration HARD_CAP_MIN = Duration.ofMinutes(2);
    private static final int TIMEOUT_TERM = 124;
    /** How much of a tapped command's frame is read before the tap sees it. */
    private static final int TAP_CHUNK = 65536;
    private static final int TIMEOUT_KILL = 128 + 9;

    /**
     * Per running command, its index, the bytes its output files hold and the CPU ticks of every process
     * below its {@code timeout} (following parent links, so a sudo that starts its own group still counts).
     */
    private static final String PROGRESS_AWK = """
            $0 == "=" { part++; next }
            part == 0 { cmd[$2] = $1; running[$1] = 1; next }
            part == 1 { f = $2; sub(/.*\\//, "", f); i = f; sub(/\\..*/, "", i); bytes[i] += $1; next }
            { pid = $1; sub(/^.*\\) /, ""); parent[pid] = $2; ticks[pid] = $12 + $13 + $14 + $15 }
            END {
              for (p in ticks) {
                q = p
                for (k = 0; k < 64 && q != "" && !(q in cmd); k++) q = parent[q]
                if (q in cmd) cpu[cmd[q]] += ticks[p]
              }
              line = "%s"
              for (i in running) line = line " " i ":" (bytes[i] + 0) ":" (cpu[i] + 0)
              print line
            }""".formatted(PROGRESS);

    private final List<Command> commands;
    private final String nonce;
    /** Made just before it is sent: its commands start together then, and their results arrive together at the end. */
    private final Instant made = Instant.now();

    public RemoteBatch(List<Command> commands) {
        this(commands, UUID.randomUUID().toString());
    }

    RemoteBatch(List<Command> commands, String nonce) {
        if (commands.isEmpty()) {
            throw new IllegalArgumentException("an empty batch");
        }
        this.commands = List.copyOf(commands);
        this.nonce = nonce;
    }

    public List<Command> commands() {
        return commands;
    }

    /** The remote hard cap of a command: only a runaway that outlives iptscope itself meets it. */
    static Duration hardCap(Duration timeout) {
        Duration scaled = timeout.multipliedBy(HARD_CAP_FACTOR);
        return scaled.compareTo(HARD_CAP_MIN) < 0 ? HARD_CAP_MIN : scaled;
    }

    /**
     * The request, evaluated by the remote shell; {@code dir} is a fresh scratch directory for it (a shell
     * word, expanded there).
     */
    String script(String dir) {
        int n = commands.size();
        StringBuilder s = new StringBuilder();
        s.append("b=").append(dir).append('\n');
        s.append("if mkdir \"$b\"; then\n");
        // Before anything feeds them: a writer must never find a missing FIFO and make a file of it.
        for (int i = 0; i < n; i++) {
            if (commands.get(i).stdin() != null) {
                s.append("mkfifo \"$b/").append(i).append(".i\"\n");
            }
        }
        s.append("(\n");
        s.append("run() {\n");
        s.append("  i=$1; t=$2; in=$3; shift 3\n");
        s.append("  s=$(date +%s%N)\n");
        s.append("  timeout -k ").append(KILL_AFTER_SECONDS)
                .append(" \"$t\" \"$@\" >\"$b/$i.o\" 2>\"$b/$i.e\" <\"$in\" &\n");
        s.append("  echo $! >\"$b/$i.p\"\n");
        s.append("  wait $!\n");
        s.append("  r=$?\n");
        s.append("  echo $(( ($(date +%s%N) - s) / 1000000 )) >\"$b/$i.t\"\n");
        s.append("  echo $r >\"$b/$i.r\"\n");
        s.append("}\n");
        s.append("w=\n");
        for (int i = 0; i < n; i++) {
            Command c = commands.get(i);
            String in = c.stdin() == null ? "/dev/null" : "\"$b/" + i + ".i\"";
            s.append("run ").append(i).append(' ').append(seconds(hardCap(c.timeout()))).append(' ').append(in)
                    .append(' ').append(ShellQuote.quote(c.argv())).append(" & w=\"$w $!\"\n");
        }
        // The reporter: a trapped TERM interrupts its wait at once, but never a line being printed.
        s.append("( trap 'exit 0' TERM\n");
        s.append("  while :; do\n");
        s.append("    sleep ").append(seconds(TICK)).append(" & wait $!\n");
        s.append("    { i=0; while [ $i -lt ").append(n).append(" ]; do\n");
        s.append("        if [ ! -e \"$b/$i.r\" ] && [ -s \"$b/$i.p\" ] && read p <\"$b/$i.p\"; then echo \"$i $p\"; fi\n");
        s.append("        i=$((i + 1)); done\n");
        s.append("      echo =; stat -c '%s %n' \"$b\"/*.o \"$b\"/*.e 2>/dev/null\n");
        s.append("      echo =; cat /proc/[0-9]*/stat 2>/dev/null; } | awk ").append(ShellQuote.quote(PROGRESS_AWK))
                .append('\n');
        s.append("  done ) &\n");
        s.append("m=$!\n");
        s.append("wait $w\n");
        s.append("kill $m; wait $m\n");
        s.append("printf '").append(START).append("%s\\n' ").append(ShellQuote.quote(nonce)).append('\n');
        s.append("i=0\n");
        s.append("while [ $i -lt ").append(n).append(" ]; do\n");
        s.append("  printf '@%s %s %s %s %s\\n' $i \"$(cat \"$b/$i.r\")\" \"$(wc -c <\"$b/$i.o\")\""
                + " \"$(wc -c <\"$b/$i.e\")\" \"$(cat \"$b/$i.t\")\"\n");
        s.append("  cat \"$b/$i.o\" \"$b/$i.e\"\n");
        s.append("  i=$((i + 1))\n");
        s.append("done\n");
        s.append(") &\n");
        for (int i = 0; i < n; i++) {
            byte[] in = commands.get(i).stdin();
            if (in != null) {
                s.append("head -c ").append(in.length).append(" | { [ -p \"$b/").append(i).append(".i\" ] && cat >\"$b/")
                        .append(i).append(".i\"; cat >/dev/null; } 2>/dev/null\n");
            }
        }
        s.append("else\n");
        s.append("  printf '").append(FAIL).append("%s\\n' ").append(ShellQuote.quote(nonce)).append('\n');
        s.append("  head -c ").append(stdinBytes()).append(" >/dev/null\n");
        s.append("fi\n");
        s.append("while IFS= read -r c; do\n");
        s.append("  case $c in\n");
        s.append("    k*) i=${c#k}; [ -e \"$b/$i.r\" ] || { [ -s \"$b/$i.p\" ] && read p <\"$b/$i.p\""
                + " && kill -TERM \"$p\" 2>/dev/null; } ;;\n");
        s.append("    *) break ;;\n");
        s.append("  esac\n");
        s.append("done\n");
        s.append("wait\n");
        s.append("rm -rf \"$b\"\n");
        return s.toString();
    }

    /** The bytes of all stdins, which follow the request. */
    long stdinBytes() {
        return commands.stream().map(Command::stdin).filter(java.util.Objects::nonNull).mapToLong(b -> b.length).sum();
    }

    /** What a line before the frames says. */
    sealed interface Line {
        /** Per running command: its index, bytes written so far and CPU ticks. */
        record Progress(List<long[]> commands) implements Line {
        }

        /** The frames follow. */
        record Start() implements Line {
        }

        /** The request could not even make its scratch directory. */
        record Failed() implements Line {
        }

        /** Anything else (a background process writing to the shell's stdout): ignored. */
        record Other(String text) implements Line {
        }
    }

    Line classify(String line) {
        if (line.equals(START + nonce)) {
            return new Line.Start();
        }
        if (line.equals(FAIL + nonce)) {
            return new Line.Failed();
        }
        if (line.equals(PROGRESS) || line.startsWith(PROGRESS + " ")) {
            List<long[]> running = new ArrayList<>();
            for (String f : line.substring(PROGRESS.length()).strip().split(" ")) {
                String[] p = f.split(":");
                if (p.length == 3) {
                    running.add(new long[] {parseLong(p[0], -1), parseLong(p[1], 0), parseLong(p[2], 0)});
                }
            }
            return new Line.Progress(running);
        }
        return new Line.Other(line);
    }

    /** Reads each command's frame from {@code in}, positioned just after the start line. */
    List<CommandResult> readFrames(InputStream in) throws IOException {
        List<CommandResult> results = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            String header = readLine(in);
            if (header == null) {
                throw new IOException("the remote output ends early, after " + i + " results");
            }
            String[] f = header.strip().split("\\s+");
            if (f.length != 5 || !f[0].equals("@" + i)) {
                throw new IOException("the remote output is garbled at result " + i + ": " + header);
            }
            int rc = (int) parseLong(f[1], -1);
            Command c = commands.get(i);
            int outLength = (int) parseLong(f[2], 0);
            byte[] out = c.stdoutTap() == null ? in.readNBytes(outLength) : new byte[0];
            long outRead = c.stdoutTap() == null ? out.length : tapFrame(in, outLength, c.stdoutTap());
            byte[] err = in.readNBytes((int) parseLong(f[3], 0));
            if (outRead + err.length != outLength + parseLong(f[3], 0)) {
                throw new IOException("the remote output ends inside result " + i);
            }
            Duration took = Duration.ofMillis(parseLong(f[4], 0));
            // Only the remote hard cap ends a command with timeout's status; a hung one is marked by the local watchdog.
            boolean timedOut = (rc == TIMEOUT_TERM || rc == TIMEOUT_KILL) && took.compareTo(hardCap(c.timeout())) >= 0;
            results.add(new CommandResult(c, timedOut ? -1 : rc, out, err, took, timedOut, null, made, outRead));
        }
        return results;
    }

    /**
     * Up to {@code length} bytes of a frame (fewer when the stream ends), handed to {@code tap} as they arrive and not
     * kept (the tap keeps what it needs): a remote save is parsed while the rest of its output still crosses the
     * connection. Returns how many bytes were read.
     */
    private static long tapFrame(InputStream in, int length, OutputTap tap) throws IOException {
        byte[] chunk = new byte[Math.min(TAP_CHUNK, length)];
        int at = 0;
        while (at < length) {
            int n = in.read(chunk, 0, Math.min(chunk.length, length - at));
            if (n < 0) {
                break;
            }
            tap.accept(chunk, 0, n);
            at += n;
        }
        return at;
    }

    /** Every command failed the same way, {@code why}. */
    List<CommandResult> failedAll(String why, Duration took) {
        byte[] err = (why + "\n").getBytes(StandardCharsets.UTF_8);
        return commands.stream().map(c -> new CommandResult(c, -1, null, err, took, false, null)).toList();
    }

    /** One line without its newline, or null at the end of the stream. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(80);
        for (int b = in.read(); ; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
    }

    private static long parseLong(String s, long fallback) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", Math.max(d.toMillis(), 1) / 1000.0);
    }
}
