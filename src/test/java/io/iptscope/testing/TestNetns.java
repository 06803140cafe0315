package io.iptscope.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.exec.Command;
import io.iptscope.exec.CommandResult;
import io.iptscope.exec.LocalRunner;
import io.iptscope.exec.NetnsTarget;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A network namespace made for one test ({@code iptscope-t-...}) and deleted afterwards, also when
 * the test fails or the JVM exits early. Tests change rules only in such namespaces.
 */
public final class TestNetns implements AutoCloseable {

    public static final String PREFIX = "iptscope-t-";
    private static final LocalRunner RUNNER = new LocalRunner();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<String> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(TestNetns::delete)));
    }

    private final String name;

    private TestNetns(String name) {
        this.name = name;
    }

    public static TestNetns create() {
        Requirements.requireNetnsTools();
        byte[] b = new byte[5];
        RANDOM.nextBytes(b);
        String name = PREFIX + HexFormat.of().formatHex(b);
        mustSucceed(RUNNER.run(Command.of("ip", "netns", "add", name)));
        LIVE.add(name);
        TestNetns ns = new TestNetns(name);
        ns.exec("ip", "link", "set", "lo", "up");
        return ns;
    }

    public String name() {
        return name;
    }

    public String path() {
        return "/run/netns/" + name;
    }

    public NetnsTarget target() {
        return new NetnsTarget.Named(name);
    }

    /** Runs argv inside the namespace and returns the result, whatever it is. */
    public CommandResult run(String... argv) {
        return RUNNER.run(target().enter(Command.of(argv).withTimeout(Duration.ofSeconds(60))));
    }

    /** Runs argv inside the namespace; the test fails if it does not succeed. */
    public CommandResult exec(String... argv) {
        return mustSucceed(run(argv));
    }

    /** Runs argv inside the namespace with {@code input} on stdin; the test fails if it does not succeed. */
    public CommandResult execWithInput(String input, String... argv) {
        return mustSucceed(RUNNER.run(target().enter(Command.of(argv)
                .withStdin(input.getBytes(StandardCharsets.UTF_8)).withTimeout(Duration.ofSeconds(120)))));
    }

    /** Feeds restore-format text to a restore binary (e.g. iptables-nft-restore) inside the namespace. */
    public void restore(String restoreBinary, String rules) {
        // Legacy writers share one host-wide xtables lock with every other test run on the machine.
        Command c = restoreBinary.contains("legacy") ? Command.of(restoreBinary, "-w", "30") : Command.of(restoreBinary);
        mustSucceed(RUNNER.run(target().enter(c
                .withStdin(rules.getBytes(StandardCharsets.UTF_8)).withTimeout(Duration.ofSeconds(120)))));
    }

    /** What a detection must not change: legacy table names of both families and the nft ruleset. */
    public List<String> kernelState() {
        List<String> state = new ArrayList<>();
        state.add("v4 legacy: " + exec("cat", "/proc/net/ip_tables_names").stdoutText());
        state.add("v6 legacy: " + exec("cat", "/proc/net/ip6_tables_names").stdoutText());
        state.add("nft: " + exec("nft", "list", "ruleset").stdoutText());
        // A plain legacy save creates nothing; its comment lines carry the time and are left out.
        for (String save : List.of("iptables-legacy-save", "ip6tables-legacy-save")) {
            state.add(save + ": " + exec(save).stdoutText().lines().filter(l -> !l.startsWith("#"))
                    .collect(java.util.stream.Collectors.joining("\n")));
        }
        return state;
    }

    @Override
    public void close() {
        delete(name);
        LIVE.remove(name);
    }

    private static void delete(String name) {
        // Flushing first frees the nft objects synchronously instead of in the netns' async cleanup.
        RUNNER.run(Command.of("nsenter", "--net=/run/netns/" + name, "--", "nft", "flush", "ruleset"));
        RUNNER.run(Command.of("ip", "netns", "del", name));
    }

    private static CommandResult mustSucceed(CommandResult r) {
        assertTrue(r.ok(), () -> r.command() + " failed: " + r.summary() + "\n" + r.stderrText());
        return r;
    }
}
