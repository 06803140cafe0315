package io.iptscope.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away network namespace {@code iptscope-t-<random>} for tests that drive the real iptables
 * binaries. Never touches the host namespace; {@link #close()} flushes nftables and deletes it.
 */
final class Netns implements AutoCloseable {

    record Result(int exit, String out, String err) {
    }

    private final String name;

    private Netns(String name) {
        this.name = name;
    }

    /** Whether this machine lets tests create namespaces and has both iptables backends. */
    static boolean available() {
        boolean ip = Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip"));
        return "root".equals(System.getProperty("user.name")) && ip
                && Files.isExecutable(Path.of("/usr/sbin/iptables-legacy-restore"))
                && Files.isExecutable(Path.of("/usr/sbin/iptables-nft-restore"));
    }

    static Netns create() throws IOException, InterruptedException {
        String name = "iptscope-t-" + UUID.randomUUID().toString().substring(0, 8);
        Result r = run(null, List.of("ip", "netns", "add", name));
        if (r.exit() != 0) {
            throw new IOException("ip netns add " + name + " failed: " + r.err());
        }
        return new Netns(name);
    }

    String name() {
        return name;
    }

    /** Runs a command inside the namespace with the given standard input (may be null). */
    Result exec(String stdin, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
        cmd.addAll(List.of(command));
        return run(stdin, cmd);
    }

    /** Like {@link #exec} but fails when the command does. */
    String check(String stdin, String... command) throws IOException, InterruptedException {
        Result r = exec(stdin, command);
        if (r.exit() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + r.exit() + "): " + r.err());
        }
        return r.out();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            // Frees nftables objects synchronously instead of in the async netns cleanup.
            exec(null, "nft", "flush", "ruleset");
        } finally {
            run(null, List.of("ip", "netns", "del", name));
        }
    }

    private static Result run(String stdin, List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).start();
        CompletableFuture<String> out = read(p.getInputStream());
        CompletableFuture<String> err = read(p.getErrorStream());
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + cmd);
        }
        return new Result(p.exitValue(), out.join(), err.join());
    }

    private static CompletableFuture<String> read(InputStream s) {
        return CompletableFuture.supplyAsync(() -> {
            try (s) {
                return new String(s.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
