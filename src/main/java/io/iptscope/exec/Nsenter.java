package io.iptscope.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the one {@code nsenter} that puts a command into a mount namespace (whose binaries and
 * libraries it uses) and a network namespace (whose rules it sees). nsenter opens every namespace
 * file before it enters any, so a host path such as /run/netns/x works together with a container's
 * mount namespace.
 */
public final class Nsenter {

    private Nsenter() {
    }

    /** @param mountNs a mount namespace file or null; @param netNs a network namespace file or null */
    public static Command wrap(String mountNs, String netNs, Command command) {
        if (mountNs == null && netNs == null) {
            return command;
        }
        List<String> prefix = new ArrayList<>(List.of("nsenter"));
        if (mountNs != null) {
            prefix.add("--mount=" + mountNs);
        }
        if (netNs != null) {
            prefix.add("--net=" + netNs);
        }
        prefix.add("--");
        return command.prefixed(prefix);
    }
}
