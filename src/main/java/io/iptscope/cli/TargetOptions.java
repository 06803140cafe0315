package io.iptscope.cli;

import io.iptscope.discover.BinarySource;
import io.iptscope.exec.NetnsTarget;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The netns and binary source options shared by every command that inspects a target. */
final class TargetOptions {

    @ArgGroup(exclusive = true)
    private Netns netns = new Netns();

    @Option(names = "--path", paramLabel = "DIRS",
            description = "Take binaries from these colon-separated directories instead of PATH "
                    + "(e.g. a container image's /usr/sbin).")
    private String path;

    static final class Netns {
        @Option(names = "--netns", paramLabel = "NAME", description = "A named netns (/run/netns/NAME).")
        String name;

        @Option(names = "--netns-path", paramLabel = "FILE", description = "Any netns file, e.g. a bind mount.")
        String nsPath;

        @Option(names = "--pid", paramLabel = "PID", description = "The netns of a process (/proc/PID/ns/net).")
        Long pid;
    }

    NetnsTarget target() {
        if (netns.name != null) {
            return new NetnsTarget.Named(netns.name);
        }
        if (netns.nsPath != null) {
            return new NetnsTarget.AtPath(netns.nsPath);
        }
        if (netns.pid != null) {
            return new NetnsTarget.OfPid(netns.pid);
        }
        return new NetnsTarget.Current();
    }

    BinarySource source() {
        return BinarySource.parse(path);
    }
}
