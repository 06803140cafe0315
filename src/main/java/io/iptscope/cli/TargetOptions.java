package io.iptscope.cli;

import io.iptscope.discover.BinarySource;
import io.iptscope.exec.CommandLog;
import io.iptscope.exec.CommandRunner;
import io.iptscope.exec.NetnsTarget;
import io.iptscope.exec.RecordingRunner;
import io.iptscope.iptables.Discovery;
import io.iptscope.iptables.Endpoint;
import java.time.Duration;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The host, netns and binary source options shared by every command that inspects a target. */
final class TargetOptions {

    @Mixin
    private HostOptions host = new HostOptions();

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

    /** Where commands run (this machine or {@code --ssh DEST}); every command goes into {@code log}. */
    CommandRunner runner(CommandLog log) {
        return new RecordingRunner(host.runner(), log);
    }

    /** The target with its binaries discovered, ready for save and restore. */
    Endpoint endpoint(CommandLog log, Duration timeout) {
        // The user's netns and directories are validated before anything connects or runs.
        NetnsTarget target = target();
        BinarySource source = source();
        CommandRunner runner = runner(log);
        return new Endpoint(runner, target, new Discovery(runner, timeout).discover(source), timeout);
    }
}
