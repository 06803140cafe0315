package io.iptscope.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.exec.Command;
import io.iptscope.exec.CommandResult;
import io.iptscope.exec.LocalRunner;
import io.iptscope.exec.SshTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A real OpenSSH {@code sshd} on 127.0.0.1 and a free port, with its own host key, an authorized
 * test key, and a client config and known_hosts of its own in a temporary directory, so the
 * operator's ~/.ssh is never read. Stopped by {@link #close()}, or at JVM exit if a test died first.
 */
public final class TestSshd implements AutoCloseable {

    public static final String DESTINATION = "root@127.0.0.1";
    private static final LocalRunner RUNNER = new LocalRunner();
    private static final Set<TestSshd> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(TestSshd::stop)));
    }

    private final Path dir;
    private final int port;
    private final Process process;

    private TestSshd(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** An sshd whose sessions skip root's shell rc files (see {@link #start(boolean)}). */
    public static TestSshd start() {
        return start(true);
    }

    /**
     * {@code skipShellRc}: bash sources ~/.bashrc for every ssh session unless SHLVL says it is
     * nested; this machine's root rc runs {@code pyenv init} (about 250 ms a session), a cost of the
     * host's own setup that would otherwise dominate every test and the benchmark.
     */
    public static TestSshd start(boolean skipShellRc) {
        return start(skipShellRc, Duration.ZERO);
    }

    /**
     * An sshd whose every session first costs {@code loginDelay}, as a slow login shell (a heavy
     * ~/.bashrc, a pam module) would, and counts itself in {@link #sessions()}: a ForceCommand runs
     * the delay, then the requested command.
     */
    public static TestSshd start(boolean skipShellRc, Duration loginDelay) {
        Requirements.requireRoot();
        Requirements.requireBinaries("sshd", "ssh", "ssh-keygen", "ssh-keyscan", "timeout");
        try {
            Path dir = Files.createTempDirectory("iptscope-sshd-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            ok(RUNNER.run(Command.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "iptscope-test-host",
                    "-f", dir.resolve("host_key").toString())));
            ok(RUNNER.run(Command.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "iptscope-test-client",
                    "-f", dir.resolve("client_key").toString())));
            Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
            // sshd refuses to start without its privilege separation directory.
            Files.createDirectories(Path.of("/run/sshd"));
            for (int attempt = 0; ; attempt++) {
                int port = freePort();
                writeConfigs(dir, port, skipShellRc, loginDelay);
                Process p = new ProcessBuilder(Requirements.which("sshd"), "-D", "-e", "-f",
                        dir.resolve("sshd_config").toString())
                        .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
                if (listening(port, p)) {
                    TestSshd sshd = new TestSshd(dir, port, p);
                    LIVE.add(sshd);
                    sshd.trustHostKey();
                    return sshd;
                }
                p.destroyForcibly();
                if (attempt == 2) {
                    throw new IllegalStateException("sshd did not start: " + Files.readString(dir.resolve("sshd.log")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeConfigs(Path dir, int port, boolean skipShellRc, Duration loginDelay)
            throws IOException {
        String force = loginDelay.isZero() ? "" : "ForceCommand echo session >> " + dir.resolve("sessions")
                + "; sleep " + String.format(java.util.Locale.ROOT, "%.3f", loginDelay.toMillis() / 1000.0)
                + "; eval \"$SSH_ORIGINAL_COMMAND\"";
        Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host_key"),
                "PidFile none",
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "UsePAM no",
                "StrictModes no",
                "PrintMotd no",
                "LogLevel VERBOSE",
                skipShellRc ? "SetEnv SHLVL=1" : "",
                force,
                ""));
        Files.writeString(dir.resolve("ssh_config"), String.join("\n",
                "Host *",
                "  Port " + port,
                "  IdentityFile " + dir.resolve("client_key"),
                "  IdentitiesOnly yes",
                "  IdentityAgent none",
                "  UserKnownHostsFile " + dir.resolve("known_hosts"),
                "  GlobalKnownHostsFile /dev/null",
                "  HashKnownHosts no",
                ""));
    }

    /** The client options that point ssh at this server's config. */
    public List<String> clientOptions() {
        return List.of("-F", dir.resolve("ssh_config").toString());
    }

    public SshTarget target() {
        return new SshTarget(DESTINATION, clientOptions());
    }

    public int port() {
        return port;
    }

    public Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    /** The known_hosts line that trusts this server's real key. */
    public String knownHostsLine() {
        return "[127.0.0.1]:" + port + " " + publicKey();
    }

    /** {@code type base64} of the host key. */
    public String publicKey() {
        try {
            String[] f = Files.readString(dir.resolve("host_key.pub")).strip().split("\\s+");
            return f[0] + " " + f[1];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The host key's fingerprint as {@code ssh-keygen -l} prints it. */
    public String fingerprint() {
        CommandResult r = ok(RUNNER.run(Command.of("ssh-keygen", "-l", "-E", "sha256", "-f",
                dir.resolve("host_key.pub").toString())));
        return r.stdoutText().split("\\s+")[1];
    }

    public void trustHostKey() {
        writeKnownHosts(knownHostsLine() + "\n");
    }

    public void writeKnownHosts(String content) {
        try {
            Files.writeString(knownHosts(), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String readKnownHosts() {
        try {
            return Files.exists(knownHosts()) ? Files.readString(knownHosts()) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many logins the server accepted so far. */
    public long acceptedLogins() {
        try {
            return Files.readAllLines(dir.resolve("sshd.log")).stream()
                    .filter(l -> l.contains("Accepted publickey")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sessions started so far (the master's first one included); only counted with a login delay. */
    public long sessions() {
        try {
            Path f = dir.resolve("sessions");
            return Files.exists(f) ? Files.readAllLines(f).size() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the server side of every open connection, as a network drop would; the listener stays. */
    public void dropConnections() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void close() {
        stop();
        LIVE.remove(this);
    }

    /** Kills the server and its connections, as if the host went down; the client files stay. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stop() {
        kill();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temp directory is harmless.
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean listening(int port, Process p) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline && p.isAlive()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return true;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static CommandResult ok(CommandResult r) {
        assertTrue(r.ok(), () -> r.command() + ": " + r.summary());
        return r;
    }
}
