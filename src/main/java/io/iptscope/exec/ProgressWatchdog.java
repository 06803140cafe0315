package io.iptscope.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Decides when a running command is hung: its process tree printed nothing and used no CPU time for
 * the whole timeout. A save of a big ruleset keeps printing or computing, so only a stuck one (a lock
 * wait, a dead NFS mount, a sleeping fake) is killed; size alone never is.
 */
public final class ProgressWatchdog {

    /** How often the process tree is looked at. */
    public static final Duration POLL = Duration.ofMillis(100);

    private final LongSupplier bytes;
    private final LongSupplier cpu;
    private final long timeoutNanos;
    private final LongSupplier clock;
    private long lastBytes = -1;
    private long lastCpu = -1;
    private long lastProgress;

    /** {@code bytes}: what the readers of the command's stdout and stderr have counted so far. */
    public ProgressWatchdog(ProcessHandle process, AtomicLong bytes, Duration timeout) {
        this(process, bytes, timeout, System::nanoTime);
    }

    ProgressWatchdog(ProcessHandle process, AtomicLong bytes, Duration timeout, LongSupplier clock) {
        this(bytes::get, () -> cpuTicks(process), timeout, clock);
    }

    /**
     * For a command running elsewhere (a remote host): {@code bytes} and {@code cpu} are what its side
     * last reported; only their changes matter, not their units.
     */
    public ProgressWatchdog(LongSupplier bytes, LongSupplier cpu, Duration timeout) {
        this(bytes, cpu, timeout, System::nanoTime);
    }

    private ProgressWatchdog(LongSupplier bytes, LongSupplier cpu, Duration timeout, LongSupplier clock) {
        this.bytes = bytes;
        this.cpu = cpu;
        this.timeoutNanos = timeout.toNanos();
        this.clock = clock;
        this.lastProgress = clock.getAsLong();
    }

    /** Samples output and CPU time; true once neither moved for the timeout. */
    public boolean hung() {
        long now = clock.getAsLong();
        long b = bytes.getAsLong();
        long c = cpu.getAsLong();
        if (b != lastBytes || c != lastCpu) {
            lastBytes = b;
            lastCpu = c;
            lastProgress = now;
            return false;
        }
        return now - lastProgress >= timeoutNanos;
    }

    /** Bytes the command printed so far (stdout and stderr). */
    public long bytes() {
        return bytes.getAsLong();
    }

    /**
     * User and system clock ticks of a process and its live descendants, including what their reaped
     * children used (cutime, cstime): a tree that forks short-lived workers still shows progress.
     * A process that vanished between listing and reading counts as zero.
     */
    static long cpuTicks(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        long sum = 0;
        for (ProcessHandle h : tree) {
            sum += ticksOf(h.pid());
        }
        return sum;
    }

    static long ticksOf(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return 0;
        }
        // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return 0;
        }
        String[] f = stat.substring(close + 2).split(" ");
        // After the name: state is field 3, so utime (14) .. cstime (17) sit at indexes 11..14.
        if (f.length < 15) {
            return 0;
        }
        long sum = 0;
        for (int i = 11; i <= 14; i++) {
            sum += Long.parseLong(f[i]);
        }
        return sum;
    }
}
