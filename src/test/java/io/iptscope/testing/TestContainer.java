package io.iptscope.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A "container" for tests: a process in its own mount and network namespace (unshare), whose PATH
 * is one directory that exists only inside its mount namespace, holding only the binaries given.
 * Its netns has no rules and dies with it.
 */
public final class TestContainer implements AutoCloseable {

    private final Process unshare;
    private final long pid;
    private final Path binDir;

    private TestContainer(Process unshare, long pid, Path binDir) {
        this.unshare = unshare;
        this.pid = pid;
        this.binDir = binDir;
    }

    /** @param links binary names, each a symlink (inside the container only) to the host file of the same path */
    public static TestContainer start(List<String> links, String target) throws IOException, InterruptedException {
        Requirements.requireNetnsTools();
        Requirements.requireBinaries("unshare", "mount");
        Path dir = Files.createTempDirectory("iptscope-ctr-");
        // Every process of the container, unshare included, has only the container's directory as PATH.
        StringBuilder script = new StringBuilder("set -e; /bin/mount -t tmpfs iptscope-ctr ").append(dir).append("; ");
        for (String name : links) {
            script.append("/bin/ln -s ").append(target).append(' ').append(dir).append('/').append(name).append("; ");
        }
        script.append("exec /bin/sleep 600");
        List<String> argv = new ArrayList<>(List.of(Requirements.which("unshare"), "--mount", "--net", "--fork",
                "--propagation", "private", "/bin/sh", "-c", script.toString()));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().put("PATH", dir.toString());
        Process p = pb.start();
        for (int i = 0; i < 100; i++) {
            Optional<Long> sleeper = p.descendants().filter(h -> h.info().command().orElse("").endsWith("sleep"))
                    .map(ProcessHandle::pid).findFirst();
            if (sleeper.isPresent() && environ(sleeper.get()).contains("PATH=" + dir)) {
                return new TestContainer(p, sleeper.get(), dir);
            }
            Thread.sleep(50);
        }
        p.destroyForcibly();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        throw new AssertionError("the test container did not start: " + out);
    }

    public long pid() {
        return pid;
    }

    public Path binDir() {
        return binDir;
    }

    public String netnsPath() {
        return "/proc/" + pid + "/ns/net";
    }

    private static String environ(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "environ"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        unshare.descendants().forEach(ProcessHandle::destroyForcibly);
        unshare.destroyForcibly();
        unshare.waitFor();
        Files.deleteIfExists(binDir);
    }
}
