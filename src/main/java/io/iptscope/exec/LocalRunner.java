package io.iptscope.exec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** Runs commands on this machine with {@link ProcessBuilder}. */
public final class LocalRunner implements CommandRunner {

    /** Appended so that iptables and friends are found also from a user's PATH that lacks sbin. */
    public static final List<String> SBIN_DIRS = List.of("/usr/sbin", "/sbin");

    private static final Duration PIPE_DRAIN_GRACE = Duration.ofSeconds(2);

    private static final ExecutorService IO = Executors.newCachedThreadPool(daemonThreads("iptscope-io"));
    /** One thread that never ends, so that a started monitor's parent-death signal fires only with the JVM. */
    private static final ExecutorService SPAWNER = Executors.newSingleThreadExecutor(daemonThreads("iptscope-spawn"));

    private final String path;

    public LocalRunner() {
        this(System.getenv().getOrDefault("PATH", ""));
    }

    /** A runner whose commands see {@code basePath} (plus the sbin directories) as PATH. */
    public LocalRunner(String basePath) {
        this.path = withSbin(basePath);
    }

    static String withSbin(String basePath) {
        List<String> dirs = new ArrayList<>();
        for (String d : basePath.split(":")) {
            if (!d.isEmpty() && !dirs.contains(d)) {
                dirs.add(d);
            }
        }
        for (String d : SBIN_DIRS) {
            if (!dirs.contains(d)) {
                dirs.add(d);
            }
        }
        return String.join(":", dirs);
    }

    /** The PATH every command of this runner sees. */
    public String path() {
        return path;
    }

    @Override
    public String host() {
        return "local";
    }

    @Override
    public java.util.Optional<String> knownPath() {
        return java.util.Optional.of(path);
    }

    @Override
    public CommandResult run(Command command) {
        long start = System.nanoTime();
        List<String> argv = new ArrayList<>(command.argv());
        // ProcessBuilder searches the JVM's own PATH, not the child's; resolve against ours.
        String program = resolve(argv.get(0));
        if (program == null) {
            return CommandResult.launchFailed(command, argv.get(0) + ": not found in PATH", since(start));
        }
        argv.set(0, program);
        ProcessBuilder pb = new ProcessBuilder(argv);
        Map<String, String> env = pb.environment();
        env.put("LC_ALL", "C");
        env.put("PATH", path);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            return CommandResult.launchFailed(command, e.getMessage(), since(start));
        }
        AtomicLong printed = new AtomicLong();
        AtomicLong tapped = new AtomicLong();
        OutputTap tap = command.stdoutTap();
        Future<byte[]> out = IO.submit(() -> tap == null ? readAll(process.getInputStream(), printed)
                : tapAll(process.getInputStream(), printed, tapped, tap));
        Future<byte[]> err = IO.submit(() -> readAll(process.getErrorStream(), printed));
        CompletableFuture.runAsync(() -> feed(process.getOutputStream(), command.stdin()), IO);
        ProgressWatchdog watchdog = new ProgressWatchdog(process.toHandle(), printed, command.timeout());
        Ending ending = await(process, new WatchedRead(host(), command, watchdog, start), watchdog);
        byte[] stdout = drain(out, process.getInputStream());
        byte[] stderr = drain(err, process.getErrorStream());
        Duration took = since(start);
        boolean exited = ending == Ending.EXITED;
        CommandResult result = new CommandResult(command, exited ? process.exitValue() : -1, stdout, stderr, took,
                false, null, Instant.now().minus(took), stdout.length + tapped.get());
        return switch (ending) {
            case EXITED -> result;
            case CANCELLED -> result.cancelledByUser();
            case HUNG, INTERRUPTED -> result.hung();
        };
    }

    private enum Ending { EXITED, HUNG, CANCELLED, INTERRUPTED }

    /**
     * Waits until the process exits, or kills its tree once the watchdog says it is hung (no output and
     * no CPU for the command's timeout) or the user cancels it; a long read meanwhile reports progress.
     */
    private Ending await(Process process, WatchedRead read, ProgressWatchdog watchdog) {
        try {
            for (int poll = 0; ; poll++) {
                if (process.waitFor(ProgressWatchdog.POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                    return Ending.EXITED;
                }
                WatchedRead.Stop stop = read.stop();
                if (stop != null) {
                    killTree(process);
                    process.waitFor(PIPE_DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                    return stop == WatchedRead.Stop.HUNG ? Ending.HUNG : Ending.CANCELLED;
                }
                if (poll % 3 == 0) {
                    read.progress(watchdog.bytes());
                }
            }
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            return Ending.INTERRUPTED;
        } finally {
            read.end(watchdog.bytes());
        }
    }

    @Override
    public List<CommandResult> runAll(List<Command> commands) {
        if (commands.size() <= 1) {
            return CommandRunner.super.runAll(commands);
        }
        return Parallel.runAll(commands, "iptscope-run", this::run);
    }

    @Override
    public Running start(Command command, Consumer<String> onLine) {
        long start = System.nanoTime();
        List<String> argv = new ArrayList<>(command.argv());
        String program = resolve(argv.get(0));
        if (program == null) {
            throw new IllegalStateException(argv.get(0) + ": not found in PATH");
        }
        argv.set(0, program);
        String setpriv = resolve("setpriv");
        if (setpriv != null) {
            // A monitor must not outlive a JVM that dies without closing it (a kill -9, a crashed test fork).
            argv.addAll(0, List.of(setpriv, "--pdeathsig", "KILL", "--"));
        }
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("PATH", path);
        Process process;
        try {
            // The parent-death signal follows the thread that forked: fork from one that lives as long as the JVM.
            process = SPAWNER.submit(pb::start).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot start " + argv.get(0) + ": " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + argv.get(0), e);
        }
        // Without input, stdin stays open until stop(): a remote monitor ends when its channel closes.
        if (command.stdin() != null) {
            CompletableFuture.runAsync(() -> feed(process.getOutputStream(), command.stdin()), IO);
        }
        Future<byte[]> err = IO.submit(() -> readAll(process.getErrorStream()));
        Future<?> reader = IO.submit(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    onLine.accept(line);
                }
            } catch (IOException ignored) {
                // The stream closes when the process is stopped; that ends the reading.
            }
            return null;
        });
        return new Running() {
            private CommandResult result;

            @Override
            public boolean alive() {
                return process.isAlive();
            }

            @Override
            public synchronized CommandResult stop() {
                if (result == null) {
                    boolean ended = !process.isAlive();
                    feed(process.getOutputStream(), null);
                    killTree(process);
                    try {
                        process.waitFor(PIPE_DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                        reader.get(PIPE_DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (ExecutionException | TimeoutException ignored) {
                        // The reader ends with the process; a stuck pipe must not keep stop() waiting.
                    }
                    byte[] stderr = drain(err, process.getErrorStream());
                    result = new CommandResult(command, ended ? process.exitValue() : -1, null, stderr, since(start),
                            false, null);
                }
                return result;
            }
        };
    }

    private String resolve(String program) {
        if (program.contains("/")) {
            return program;
        }
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    private static void killTree(Process process) {
        // Children first: a killed parent would orphan them and they would keep the pipes open.
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static void feed(OutputStream stdin, byte[] data) {
        try (stdin) {
            if (data != null) {
                stdin.write(data);
            }
        } catch (IOException ignored) {
            // The process exited without reading all of its input; its exit status tells the story.
        } finally {
            // This copy may hold a sudo password line: zero it once written.
            if (data != null) {
                java.util.Arrays.fill(data, (byte) 0);
            }
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return readAll(in, new AtomicLong());
    }

    /**
     * Hands everything to {@code tap}, which keeps what it needs (a save's parse keeps its text), counting it in
     * {@code counter} (the watchdog's output) and {@code tapped}; keeps none of it: the result holds no second copy.
     */
    private static byte[] tapAll(InputStream in, AtomicLong counter, AtomicLong tapped, OutputTap tap)
            throws IOException {
        byte[] chunk = new byte[65536];
        for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
            counter.addAndGet(n);
            tapped.addAndGet(n);
            tap.accept(chunk, 0, n);
        }
        return new byte[0];
    }

    /** The first block of a command's output; a big output's blocks grow to {@link #MAX_BLOCK}. */
    private static final int FIRST_BLOCK = 8192;
    private static final int MAX_BLOCK = 1 << 20;

    /**
     * Reads to the end, adding each chunk's size to {@code counter} as it arrives (the watchdog's output). The output
     * is read into blocks that are joined once at the end: a doubling buffer copied a big output twice more.
     */
    private static byte[] readAll(InputStream in, AtomicLong counter) throws IOException {
        List<byte[]> full = new ArrayList<>();
        byte[] block = new byte[FIRST_BLOCK];
        int used = 0;
        long total = 0;
        for (int n = in.read(block, used, block.length - used); n >= 0;
             n = in.read(block, used, block.length - used)) {
            counter.addAndGet(n);
            used += n;
            total += n;
            if (used == block.length) {
                full.add(block);
                block = new byte[Math.min(MAX_BLOCK, block.length * 2)];
                used = 0;
            }
        }
        if (full.isEmpty()) {
            return java.util.Arrays.copyOf(block, used);
        }
        byte[] all = new byte[Math.toIntExact(total)];
        int at = 0;
        for (byte[] b : full) {
            System.arraycopy(b, 0, all, at, b.length);
            at += b.length;
        }
        System.arraycopy(block, 0, all, at, used);
        return all;
    }

    private static byte[] drain(Future<byte[]> reader, InputStream stream) {
        try {
            return reader.get(PIPE_DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // A detached grandchild still holds the pipe: stop waiting for it.
            try {
                stream.close();
            } catch (IOException ignored) {
                // Closing is best effort; the reader thread ends either way.
            }
            return new byte[0];
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new byte[0];
        } catch (ExecutionException e) {
            return new byte[0];
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    public static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
