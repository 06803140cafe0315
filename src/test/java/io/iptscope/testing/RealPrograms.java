package io.iptscope.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Real rule writers (dockerd, firewalld, fail2ban-server, a private dbus-daemon) started inside a test netns with
 * all their state in a private temp directory, so nothing of the host (/etc, /var, /run, its services) is touched.
 * Each daemon and its directory go away on {@link #close()}, also when the test fails.
 */
public final class RealPrograms implements AutoCloseable {

    private final TestNetns ns;
    private final Path dir;
    private final List<Process> daemons = new ArrayList<>();

    private RealPrograms(TestNetns ns, Path dir) {
        this.ns = ns;
        this.dir = dir;
    }

    /** A private state directory for programs run inside {@code ns}; the programs must be installed. */
    public static RealPrograms in(TestNetns ns, String... binaries) {
        Requirements.requireBinaries(binaries);
        try {
            return new RealPrograms(ns, Files.createTempDirectory("iptscope-real-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Path path(String name) {
        return dir.resolve(name);
    }

    public Path write(String name, String text) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text, StandardCharsets.UTF_8);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The daemon's output so far (stdout and stderr), for failure messages. */
    public String log(String name) {
        try {
            Path p = dir.resolve(name + ".log");
            return Files.exists(p) ? Files.readString(p) : "(no log)";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Mounts done only inside a daemon's private mount namespace: {@code source} bind-mounted over {@code target},
     * or a fresh tmpfs when {@code source} is {@code tmpfs} (e.g. over /run, where the programs keep locks and sockets).
     */
    public record Mount(String source, String target) {
        public static Mount tmpfs(String target) {
            return new Mount("tmpfs", target);
        }

        public static Mount bind(Path source, String target) {
            return new Mount(source.toString(), target);
        }
    }

    // Mounts each pair, then execs the program; the arguments arrive as positional parameters, never in the script.
    private static final String MOUNT_AND_EXEC = "while [ \"$1\" != -- ]; do "
            + "if [ \"$1\" = tmpfs ]; then mount -t tmpfs tmpfs \"$2\"; else mount --bind \"$1\" \"$2\"; fi || exit 97; "
            + "shift 2; done; shift; exec \"$@\"";

    /**
     * Starts argv inside the netns and in a private mount namespace with {@code mounts} (so the host's /etc, /run and
     * cgroup mounts stay as they are: {@code ip netns exec} would remount /sys and hide the cgroups dockerd needs),
     * its output in {@code <name>.log}; stopped on close.
     */
    public Process start(String name, Map<String, String> env, List<Mount> mounts, String... argv) {
        List<String> cmd = new ArrayList<>(List.of(Requirements.which("nsenter"), "--net=" + ns.path(), "--",
                Requirements.which("unshare"), "--mount", "--propagation", "private", "--",
                "/bin/sh", "-c", MOUNT_AND_EXEC, "sh"));
        for (Mount m : mounts) {
            cmd.add(m.source());
            cmd.add(m.target());
        }
        cmd.add("--");
        cmd.addAll(List.of(argv));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).directory(dir.toFile());
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            daemons.add(p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs argv to its end like {@link #start}; the test fails with its output unless it exits 0 in time. */
    public String run(String name, Map<String, String> env, List<Mount> mounts, String... argv) {
        Process p = start(name, env, mounts, argv);
        try {
            if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                fail(String.join(" ", argv) + " did not finish in 60 s\n" + log(name));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted running " + String.join(" ", argv));
        }
        if (p.exitValue() != 0) {
            fail(String.join(" ", argv) + " exited " + p.exitValue() + "\n" + log(name));
        }
        return log(name);
    }

    /** Waits until {@code condition} holds; fails with {@code what} and the daemon's log when it does not in time. */
    public void await(String what, String logName, Duration timeout, BooleanSupplier condition) {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
        fail("timed out after " + timeout + " waiting for " + what + "\n" + log(logName));
    }

    @Override
    public void close() {
        // Newest first: a daemon may depend on one started before it (firewalld on its dbus).
        for (int i = daemons.size() - 1; i >= 0; i--) {
            Process p = daemons.get(i);
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            try {
                if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
