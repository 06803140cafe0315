package io.iptscope.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.exec.Command;
import io.iptscope.exec.CommandResult;
import io.iptscope.exec.LocalRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Realistic kube-proxy rulesets in restore format, from the shared generator. */
public final class KubeRules {

    // A worktree under /work/wt/<name> finds it two levels up, /work/main one level up.
    private static final Path GENERATOR = Files.isRegularFile(Path.of("..", "shared", "tools", "gen-kube-rules.py"))
            ? Path.of("..", "shared", "tools", "gen-kube-rules.py")
            : Path.of("..", "..", "shared", "tools", "gen-kube-rules.py");

    private KubeRules() {
    }

    public static String generate(int rules, boolean ipv6) {
        Requirements.requireBinaries("python3");
        Requirements.require(Files.isRegularFile(GENERATOR), "needs the shared generator "
                + GENERATOR.toAbsolutePath().normalize() + " (the project's ../shared/tools checkout)");
        Command c = ipv6
                ? Command.of("python3", GENERATOR.toString(), "--rules", Integer.toString(rules), "--ipv6", "-o", "-")
                : Command.of("python3", GENERATOR.toString(), "--rules", Integer.toString(rules), "-o", "-");
        CommandResult r = new LocalRunner().run(c.withTimeout(Duration.ofSeconds(60)));
        assertTrue(r.ok(), "generator failed: " + r.summary());
        return r.stdoutText();
    }
}
