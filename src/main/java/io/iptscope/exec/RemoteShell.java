package io.iptscope.exec;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A long-lived POSIX {@code sh} on the far side of one ssh session (Ansible's pipelining, mitogen): its
 * login is paid once, then it evaluates one {@link RemoteBatch} request after another, each sent as a
 * length line and the script, read by {@code head -c} so the shell never reads past its request, then
 * the stdins of its commands.
 *
 * <p>While a request runs, its progress lines feed one {@link ProgressWatchdog} per command, the same
 * judge as for local commands: a command that wrote nothing and used no CPU for its timeout is hung and
 * ended through the request's control channel; one the user cancelled likewise. Long commands are
 * published as {@link ReadProgress}. A shell that ends (killed, its connection gone) fails the request
 * with {@link Died}; the caller starts another.
 */
final class RemoteShell implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RemoteShell.class.getName());
    private static final String READY = "@iptscope-shell ready";
    private static final int STDERR_KEPT = 4096;
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    /** What every remote command runs with: messages iptscope can read, and the sbin directories iptables lives in. */
    static final String ENVIRONMENT = "export LC_ALL=C PATH=\"$PATH:/usr/sbin:/sbin\"";

    /** The shell's own program: its scratch directory, then one request per length line until stdin ends. */
    static final String BOOTSTRAP = String.join("\n",
            ENVIRONMENT,
            "D=$(mktemp -d) || exit 125",
            "trap 'rm -rf \"$D\"' EXIT",
            "echo '" + READY + "'",
            "while IFS= read -r n; do",
            "  eval \"$(head -c \"$n\")\"",
            "done",
            "");

    /** Thrown when the shell ended or its output makes no sense: the request's results are lost. */
    static final class Died extends IOException {
        Died(String message) {
            super(message);
        }
    }

    private final Process process;
    private final String host;
    private final InputStream out;
    private final OutputStream in;
    private final ByteArrayOutputStream stderrTail = new ByteArrayOutputStream();
    private int requests;

    private RemoteShell(Process process, String host) {
        this.process = process;
        this.host = host;
        this.out = new BufferedInputStream(process.getInputStream(), 65536);
        // Already buffered by the JDK: no second buffer to hold a copy of a sudo password line.
        this.in = process.getOutputStream();
    }

    /** The command line the remote user's login shell runs to become this shell. */
    static String remoteCommandLine() {
        return "exec sh -c " + ShellQuote.quote(BOOTSTRAP);
    }

    /**
     * Starts {@code argv} (ssh … with {@link #remoteCommandLine()}, or a local {@code sh -c BOOTSTRAP})
     * and waits until the shell says it is ready: the login is paid here.
     */
    static RemoteShell start(List<String> argv, String path, String host, Duration readyTimeout) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("PATH", path);
        RemoteShell shell = new RemoteShell(pb.start(), host);
        shell.drainStderr();
        CompletableFuture<Void> deadline = CompletableFuture.runAsync(shell.process::destroyForcibly,
                CompletableFuture.delayedExecutor(readyTimeout.toMillis(), TimeUnit.MILLISECONDS));
        try {
            for (String line = RemoteBatch.readLine(shell.out); ; line = RemoteBatch.readLine(shell.out)) {
                if (line == null) {
                    shell.close();
                    throw new Died("the remote shell on " + host + " did not start (" + shell.diagnosis() + ")");
                }
                if (line.equals(READY)) {
                    return shell;
                }
                // A login rc file that prints to stdout: not ours.
                LOG.log(System.Logger.Level.DEBUG, "{0}: before the shell was ready: {1}", host, line);
            }
        } finally {
            deadline.cancel(false);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** How the shell ended, for messages: exit status and the last of its stderr. */
    String diagnosis() {
        String err;
        synchronized (stderrTail) {
            err = stderrTail.toString(StandardCharsets.UTF_8).strip();
        }
        String status = process.isAlive() ? "still running" : "exit " + process.exitValue();
        return err.isEmpty() ? status : status + ": " + err.lines().reduce((a, b) -> b).orElse("");
    }

    /** Runs the request and returns each command's result; {@link Died} when the shell did not answer. */
    synchronized List<CommandResult> run(RemoteBatch batch) throws Died {
        long started = System.nanoTime();
        List<Command> commands = batch.commands();
        Watch watch = new Watch(commands, started);
        try {
            send(batch.script("\"$D/" + (requests++) + "\""));
            sendStdins(commands);
            for (String line = RemoteBatch.readLine(out); ; line = RemoteBatch.readLine(out)) {
                if (line == null) {
                    throw died("ended");
                }
                RemoteBatch.Line said = batch.classify(line);
                if (said instanceof RemoteBatch.Line.Progress p) {
                    watch.update(p.commands());
                } else if (said instanceof RemoteBatch.Line.Start) {
                    List<CommandResult> results = watch.ending(batch.readFrames(out));
                    control("e");
                    return results;
                } else if (said instanceof RemoteBatch.Line.Failed) {
                    control("e");
                    return batch.failedAll("the remote shell on " + host + " cannot create a scratch directory "
                            + "under its temporary directory", Duration.ofNanos(System.nanoTime() - started));
                } else {
                    LOG.log(System.Logger.Level.DEBUG, "{0}: stray output: {1}", host, line);
                }
            }
        } catch (Died e) {
            throw e;
        } catch (IOException e) {
            throw died("failed: " + e.getMessage());
        } finally {
            watch.end();
        }
    }

    private Died died(String how) {
        try {
            process.waitFor(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Died("the remote shell on " + host + " " + how + " (" + diagnosis() + ")");
    }

    private void send(String script) throws IOException {
        byte[] body = script.getBytes(StandardCharsets.UTF_8);
        in.write((body.length + "\n").getBytes(StandardCharsets.US_ASCII));
        in.write(body);
    }

    /** Each command's stdin after the request, in order; the copies (a sudo password line) are zeroed. */
    private void sendStdins(List<Command> commands) throws IOException {
        for (Command c : commands) {
            byte[] stdin = c.stdin();
            if (stdin != null) {
                try {
                    in.write(stdin);
                } finally {
                    java.util.Arrays.fill(stdin, (byte) 0);
                }
            }
        }
        in.flush();
    }

    private void control(String line) throws IOException {
        in.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        in.flush();
    }

    /** Ends the shell: its stdin closes, so it leaves its loop and removes its scratch directory. */
    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // The shell is gone already: nothing to end.
        }
        try {
            if (!process.waitFor(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void drainStderr() {
        Thread t = new Thread(() -> {
            byte[] chunk = new byte[4096];
            try (InputStream err = process.getErrorStream()) {
                for (int n = err.read(chunk); n >= 0; n = err.read(chunk)) {
                    synchronized (stderrTail) {
                        stderrTail.write(chunk, 0, n);
                        if (stderrTail.size() > STDERR_KEPT) {
                            byte[] all = stderrTail.toByteArray();
                            stderrTail.reset();
                            stderrTail.write(all, all.length - STDERR_KEPT, STDERR_KEPT);
                        }
                    }
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "stderr of the remote shell on " + host + " closed", e);
            }
        }, "iptscope-shell-stderr");
        t.setDaemon(true);
        t.start();
    }

    /** The commands of one request as the watchdog and the progress display see them. */
    private final class Watch {
        private final List<AtomicLong> bytes = new ArrayList<>();
        private final List<AtomicLong> cpu = new ArrayList<>();
        private final List<WatchedRead> reads = new ArrayList<>();
        private final Map<Integer, WatchedRead.Stop> stopped = new HashMap<>();

        Watch(List<Command> commands, long started) {
            for (Command command : commands) {
                AtomicLong b = new AtomicLong();
                AtomicLong c = new AtomicLong();
                bytes.add(b);
                cpu.add(c);
                reads.add(new WatchedRead(host, command, new ProgressWatchdog(b::get, c::get, command.timeout()),
                        started));
            }
        }

        /** Takes a progress line: ends what is hung or cancelled, shows what takes long. */
        void update(List<long[]> running) throws IOException {
            for (long[] r : running) {
                int i = (int) r[0];
                if (i < 0 || i >= reads.size() || stopped.containsKey(i)) {
                    continue;
                }
                bytes.get(i).set(r[1]);
                cpu.get(i).set(r[2]);
                WatchedRead.Stop stop = reads.get(i).stop();
                if (stop != null) {
                    stopped.put(i, stop);
                    control("k" + i);
                } else {
                    reads.get(i).progress(r[1]);
                }
            }
        }

        /** The results, with what this side ended marked as timed out or cancelled. */
        List<CommandResult> ending(List<CommandResult> results) {
            List<CommandResult> marked = new ArrayList<>(results.size());
            for (int i = 0; i < results.size(); i++) {
                WatchedRead.Stop stop = stopped.get(i);
                CommandResult r = results.get(i);
                marked.add(stop == null ? r : stop == WatchedRead.Stop.HUNG ? r.hung() : r.cancelledByUser());
            }
            return marked;
        }

        void end() {
            for (int i = 0; i < reads.size(); i++) {
                reads.get(i).end(bytes.get(i).get());
            }
        }
    }
}
