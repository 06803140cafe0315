package io.iptscope.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Skips a test that needs root or a binary, with the reason, on a workstation; under {@code CI=true}
 * the same lack fails the test, because CI must run everything.
 */
public final class Requirements {

    private Requirements() {
    }

    public static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    public static void requireRoot() {
        boolean root = "root".equals(System.getProperty("user.name"));
        require(root, "needs root (network namespaces, iptables)");
    }

    /** Each name must be an executable in /usr/sbin, /sbin, /usr/bin or /bin. */
    public static void requireBinaries(String... names) {
        for (String name : names) {
            require(which(name) != null, "needs " + name + " (apt-get install iptables nftables iproute2 util-linux)");
        }
    }

    public static void requireNetnsTools() {
        requireRoot();
        requireBinaries("ip", "nsenter", "iptables-legacy", "iptables-nft", "iptables-legacy-save", "iptables-nft-save",
                "ip6tables-legacy-save", "ip6tables-nft-save", "nft");
    }

    public static String which(String name) {
        for (String dir : new String[] {"/usr/sbin", "/sbin", "/usr/bin", "/bin"}) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    /** Skips (or under CI fails) the test unless {@code condition} holds; {@code reason} says what it needs. */
    public static void require(boolean condition, String reason) {
        if (condition) {
            return;
        }
        if (onCi()) {
            Assertions.fail("CI=true and this test cannot run: it " + reason);
        }
        Assumptions.abort("skipped: test " + reason);
    }
}
