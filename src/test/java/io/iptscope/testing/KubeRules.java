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

    /** ../shared/tools beside the checkout, or beside one of its parents (a worktree sits one level deeper). */
    private static final Path GENERATOR = locate();

    private KubeRules() {
    }

    private static Path locate() {
        Path relative = Path.of("shared", "tools", "gen-kube-rules.py");
        for (Path dir = Path.of("").toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        return Path.of("..").resolve(relative);
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
