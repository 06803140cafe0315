package io.iptscope.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs commands on a remote host through the system OpenSSH client, so the operator's own
 * ~/.ssh/config, agent, keys, ProxyJump and known_hosts apply. One master connection per host
 * (ControlMaster, socket in a private directory). Commands go to a few long-lived remote shells
 * ({@link RemoteShell}, started over the master as soon as it is up, so their logins are paid at
 * connect): a phase of commands is one request to one shell, no new session.
 *
 * <p>On the remote side every command runs with {@code LC_ALL=C}, {@code /usr/sbin:/sbin} appended
 * to PATH and under coreutils {@code timeout}; a command that printed nothing and used no CPU for its
 * timeout is ended there (killing only the local ssh would leave it running). Host keys are checked
 * strictly; a transport failure is thrown as {@link SshConnectionException}, never returned as an
 * empty result.
 */
public final class SshRunner implements CommandRunner, AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration KEYSCAN_TIMEOUT = Duration.ofSeconds(15);
    /** An idle master ends after this many seconds, also when iptscope itself was killed. */
    private static final int PERSIST_SECONDS = 600;
    /**
     * Remote shells started with the connection, and replaced when one dies: a detection overlaps three requests
     * (the nft saves, the small reads then the legacy saves, the kernel's configuration).
     */
    private static final int SHELLS_STARTED = 3;
    /** Idle remote shells kept: more phases at once pay their logins once per connection, not per detection. */
    private static final int SHELLS_KEPT = 4;
    private static final System.Logger LOG = System.getLogger(SshRunner.class.getName());
    private static final int DEFAULT_PORT = 22;

    private static final Pattern OFFENDING = Pattern.compile("(?m)^Offending .* key in (\\S+):(\\d+)");

    private final SshTarget target;
    private final Path controlDir;
    private final HostKeyPrompt hostKeyPrompt;
    private final LocalRunner local = new LocalRunner();
    private final ShellPool shells;
    private final List<Consumer<ConnectionState>> listeners = new CopyOnWriteArrayList<>();
    private final Object connectLock = new Object();
    private volatile ConnectionState state = ConnectionState.DISCONNECTED;

    public SshRunner(SshTarget target, Path controlDir, HostKeyPrompt hostKeyPrompt) {
        this.target = target;
        this.controlDir = controlDir;
        this.hostKeyPrompt = hostKeyPrompt;
        this.shells = new ShellPool(this::startShell, target.destination(), SHELLS_STARTED, SHELLS_KEPT);
    }

    /**
     * A shell over the master only. With ControlMaster=auto a shell started after the master died would log in
     * and become a new master itself, and the lost connection would never be reported.
     */
    private RemoteShell startShell() throws IOException {
        if (!masterAlive()) {
            throw new IOException("the master connection to " + host() + " is gone");
        }
        return RemoteShell.start(sshArgv(List.of(RemoteShell.remoteCommandLine())), local.path(), host(),
                CONNECT_TIMEOUT);
    }

    @Override
    public String host() {
        return target.destination();
    }

    public ConnectionState state() {
        return state;
    }

    /** Called on the thread that changed the state (a worker thread; the GUI hops to its own). */
    public void addStateListener(Consumer<ConnectionState> listener) {
        listeners.add(listener);
    }

    /** Opens the master connection unless it is up; asks {@link HostKeyPrompt} for an unknown host. */
    public void connect() {
        synchronized (connectLock) {
            if (state == ConnectionState.CONNECTED && masterAlive()) {
                return;
            }
            setState(ConnectionState.CONNECTING);
            try {
                // Shells of an earlier master ended with it.
                shells.close();
                establish();
                // Their logins overlap whatever the caller does next (the privilege probe is their first request).
                shells.prestart();
                setState(ConnectionState.CONNECTED);
            } catch (SshConnectionException e) {
                setState(ConnectionState.FAILED);
                throw e;
            }
        }
    }

    /** Drops the master (if any) and connects anew. */
    public void reconnect() {
        synchronized (connectLock) {
            shells.close();
            stopMaster();
            setState(ConnectionState.DISCONNECTED);
            connect();
        }
    }

    /** Ends the master connection. */
    @Override
    public void close() {
        synchronized (connectLock) {
            shells.close();
            stopMaster();
            setState(ConnectionState.DISCONNECTED);
        }
    }

    /** The pid of the local master process, if one is running (for diagnostics and tests). */
    public java.util.OptionalLong masterPid() {
        CommandResult check = control("check");
        Matcher m = Pattern.compile("pid=(\\d+)").matcher(check.stderrText());
        return check.ok() && m.find() ? java.util.OptionalLong.of(Long.parseLong(m.group(1)))
                : java.util.OptionalLong.empty();
    }

    @Override
    public CommandResult run(Command command) {
        ensureConnected();
        return inShell(List.of(command)).get(0);
    }

    @Override
    public List<CommandResult> runAll(List<Command> commands) {
        if (commands.isEmpty()) {
            return List.of();
        }
        ensureConnected();
        return inShell(commands);
    }

    /**
     * The commands as one request to an idle remote shell. A shell that dies meanwhile fails this request
     * (each command says so; the next request gets a new shell), or, when the master went with it, the
     * connection is lost.
     */
    private List<CommandResult> inShell(List<Command> commands) {
        RemoteBatch batch = new RemoteBatch(commands);
        String what = commands.size() == 1 ? "'" + commands.get(0) + "'"
                : commands.size() + " commands ('" + commands.get(0) + "', …)";
        long started = System.nanoTime();
        RemoteShell shell;
        try {
            shell = shells.acquire();
        } catch (IOException e) {
            lostUnlessMasterAlive(what, e.getMessage());
            LOG.log(System.Logger.Level.WARNING, "cannot start a remote shell on " + host(), e);
            return batch.failedAll("iptscope: cannot start a remote shell on " + host() + " to run " + what + ": "
                    + e.getMessage(), Duration.ofNanos(System.nanoTime() - started));
        }
        try {
            List<CommandResult> results = shell.run(batch);
            shells.release(shell);
            return results;
        } catch (RemoteShell.Died e) {
            shell.close();
            lostUnlessMasterAlive(what, e.getMessage());
            shells.prestart();
            LOG.log(System.Logger.Level.WARNING, "{0} while running {1}; the next command starts a new one",
                    e.getMessage(), what);
            return batch.failedAll("iptscope: " + e.getMessage() + " while running this command; the next command "
                    + "starts a new remote shell", Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private void lostUnlessMasterAlive(String what, String why) {
        if (!masterAlive()) {
            setState(ConnectionState.LOST);
            throw new SshConnectionException(host(), SshConnectionException.Reason.LOST,
                    "connection to " + host() + " lost while running " + what + ": " + why
                            + "; the next action reconnects");
        }
    }

    private void ensureConnected() {
        if (state != ConnectionState.CONNECTED) {
            connect();
        }
    }

    /**
     * Streams a long command (a monitor) from the remote host. It ends when this side stops: the remote
     * shell waits on its stdin, which is the ssh channel, and kills the command when that closes.
     */
    @Override
    public Running start(Command command, java.util.function.Consumer<String> onLine) {
        ensureConnected();
        String remote = RemoteShell.ENVIRONMENT + "; " + ShellQuote.quote(command.argv())
                + " & p=$!; cat >/dev/null; kill $p";
        return local.start(new Command(sshArgv(List.of(remote)), null, command.timeout()), onLine);
    }

    private void establish() {
        if (masterAlive()) {
            return;
        }
        CommandResult r = openMaster();
        if (r.ok()) {
            return;
        }
        SshConnectionException failure = connectFailure(r);
        if (failure.reason() != SshConnectionException.Reason.UNKNOWN_HOST_KEY) {
            throw failure;
        }
        UnknownHostKey unknown = scanHostKeys();
        if (!hostKeyPrompt.accept(unknown)) {
            throw new SshConnectionException(host(), SshConnectionException.Reason.UNKNOWN_HOST_KEY,
                    "the host key of " + unknown.hostPattern() + " is not known and was not accepted "
                            + fingerprints(unknown) + "; nothing was added to " + unknown.knownHostsFile());
        }
        addToKnownHosts(unknown);
        CommandResult again = openMaster();
        if (!again.ok()) {
            throw connectFailure(again);
        }
    }

    /** The first session: with ControlMaster=auto it becomes the master and stays in the background. */
    private CommandResult openMaster() {
        return local.run(new Command(sshArgv(List.of("true")), null, CONNECT_TIMEOUT));
    }

    private SshConnectionException connectFailure(CommandResult r) {
        String err = r.stderrText();
        if (err.contains("REMOTE HOST IDENTIFICATION HAS CHANGED") || err.contains("has changed and you have requested")) {
            Matcher m = OFFENDING.matcher(err);
            String where = m.find() ? " (" + m.group(1) + " line " + m.group(2) + ")" : "";
            return new SshConnectionException(host(), SshConnectionException.Reason.HOST_KEY_CHANGED,
                    "REMOTE HOST IDENTIFICATION HAS CHANGED for " + host() + ": it presents a different key than "
                            + "the one recorded in known_hosts" + where + ". Either the host was reinstalled or "
                            + "re-keyed, or someone is intercepting the connection. iptscope refuses to connect; "
                            + "if the change is expected, check the new fingerprint out of band, remove the old key "
                            + "with ssh-keygen -R and connect again.");
        }
        if (err.contains("host key is known") || err.contains("Host key verification failed")) {
            return new SshConnectionException(host(), SshConnectionException.Reason.UNKNOWN_HOST_KEY,
                    "the host key of " + host() + " is not in known_hosts" + detail(err));
        }
        if (err.contains("Permission denied")) {
            return new SshConnectionException(host(), SshConnectionException.Reason.AUTHENTICATION,
                    "authentication to " + host() + " failed" + detail(err)
                            + " (iptscope never types an ssh password: use a key or an agent)");
        }
        String why = r.timedOut() ? ": no answer within " + CONNECT_TIMEOUT.toSeconds() + " s" : detail(err);
        return new SshConnectionException(host(), SshConnectionException.Reason.UNREACHABLE,
                "cannot connect to " + host() + why);
    }

    /** The host's keys by {@code ssh-keyscan}, for the host name, port and known_hosts file ssh itself uses. */
    private UnknownHostKey scanHostKeys() {
        Map<String, String> cfg = effectiveConfig();
        if (!"none".equals(cfg.getOrDefault("proxyjump", "none"))
                || !"none".equals(cfg.getOrDefault("proxycommand", "none"))) {
            throw new SshConnectionException(host(), SshConnectionException.Reason.UNKNOWN_HOST_KEY,
                    "the host key of " + host() + " is not in known_hosts and cannot be fetched through a jump host;"
                            + " connect once with ssh " + host() + ", check the fingerprint and accept it there");
        }
        String hostname = cfg.getOrDefault("hostname", host());
        int port = Integer.parseInt(cfg.getOrDefault("port", Integer.toString(DEFAULT_PORT)));
        String alias = cfg.get("hostkeyalias");
        String pattern = alias != null && !alias.equals("none") ? alias
                : port == DEFAULT_PORT ? hostname : "[" + hostname + "]:" + port;
        String knownHosts = expandHome(cfg.getOrDefault("userknownhostsfile", "~/.ssh/known_hosts").split("\\s+")[0]);
        CommandResult scan = local.run(Command.of("ssh-keyscan", "-T", "10", "-p", Integer.toString(port), "--",
                hostname).withTimeout(KEYSCAN_TIMEOUT));
        List<HostKey> keys = new ArrayList<>();
        for (String line : scan.stdoutText().split("\n")) {
            HostKey k = HostKey.fromScanLine(line);
            if (k != null && !keys.contains(k)) {
                keys.add(k);
            }
        }
        if (keys.isEmpty()) {
            throw new SshConnectionException(host(), SshConnectionException.Reason.UNREACHABLE,
                    "the host key of " + host() + " is not known and ssh-keyscan got none from " + pattern
                            + detail(scan.stderrText()));
        }
        return new UnknownHostKey(host(), pattern, keys, knownHosts);
    }

    /** What {@code ssh -G} resolves for the destination: the user's config plus our options. */
    private Map<String, String> effectiveConfig() {
        List<String> argv = new ArrayList<>(List.of("ssh", "-G"));
        argv.addAll(target.options());
        argv.add("--");
        argv.add(target.destination());
        CommandResult r = local.run(Command.of(argv).withTimeout(CONTROL_TIMEOUT));
        Map<String, String> cfg = new LinkedHashMap<>();
        for (String line : r.stdoutText().split("\n")) {
            int sp = line.indexOf(' ');
            if (sp > 0) {
                cfg.putIfAbsent(line.substring(0, sp).toLowerCase(Locale.ROOT), line.substring(sp + 1).strip());
            }
        }
        return cfg;
    }

    private static void addToKnownHosts(UnknownHostKey unknown) {
        Path file = Path.of(unknown.knownHostsFile());
        StringBuilder lines = new StringBuilder();
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            if (Files.exists(file) && Files.size(file) > 0) {
                byte[] existing = Files.readAllBytes(file);
                if (existing[existing.length - 1] != '\n') {
                    lines.append('\n');
                }
            }
            for (HostKey k : unknown.keys()) {
                lines.append(k.knownHostsLine(unknown.hostPattern())).append('\n');
            }
            Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add the host key to " + file, e);
        }
    }

    private boolean masterAlive() {
        return control("check").ok();
    }

    private void stopMaster() {
        if (masterAlive()) {
            control("exit");
        }
    }

    private CommandResult control(String operation) {
        List<String> argv = new ArrayList<>(baseArgv());
        argv.add("-O");
        argv.add(operation);
        argv.add("--");
        argv.add(target.destination());
        return local.run(Command.of(argv).withTimeout(CONTROL_TIMEOUT));
    }

    private List<String> sshArgv(List<String> remote) {
        List<String> argv = new ArrayList<>(baseArgv());
        argv.add("--");
        argv.add(target.destination());
        argv.addAll(remote);
        return argv;
    }

    /**
     * ssh takes the first value it sees for an option and command-line options before any config
     * file, so these cannot be weakened by the user's config or the extra options after them.
     */
    private List<String> baseArgv() {
        List<String> argv = new ArrayList<>(List.of("ssh", "-T", "-a", "-x",
                "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=yes",
                "-o", "ControlMaster=auto",
                "-o", "ControlPath=" + controlDir.resolve("%C"),
                "-o", "ControlPersist=" + PERSIST_SECONDS,
                "-o", "ConnectTimeout=15",
                "-o", "ServerAliveInterval=10",
                "-o", "ServerAliveCountMax=3"));
        argv.addAll(target.options());
        return argv;
    }

    private void setState(ConnectionState next) {
        ConnectionState previous = state;
        state = next;
        if (previous != next) {
            listeners.forEach(l -> l.accept(next));
        }
    }

    private static String fingerprints(UnknownHostKey unknown) {
        return "(" + String.join(", ", unknown.keys().stream().map(HostKey::toString).toList()) + ")";
    }

    private static String detail(String stderr) {
        String s = stderr.strip();
        if (s.isEmpty()) {
            return "";
        }
        String[] lines = s.split("\n");
        return ": " + lines[lines.length - 1].strip();
    }

    private static String expandHome(String path) {
        return path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path;
    }
}
