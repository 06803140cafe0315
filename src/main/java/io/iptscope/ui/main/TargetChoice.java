package io.iptscope.ui.main;

import io.iptscope.discover.NetnsEntry;
import io.iptscope.exec.NetnsTarget;
import java.util.stream.Collectors;

/** One entry of the target picker: a netns and how the operator recognises it. */
public record TargetChoice(NetnsTarget target, String label) {

    public static final TargetChoice HOST = new TargetChoice(new NetnsTarget.Current(), "host (this process's netns)");

    public static TargetChoice of(NetnsEntry e) {
        String procs = e.processes().stream().map(p -> p.command() + " " + p.pid()).collect(Collectors.joining(", "));
        String more = e.pidCount() > e.processes().size() ? ", +" + (e.pidCount() - e.processes().size()) : "";
        String who = procs.isEmpty() ? "no processes" : procs + more;
        if (e.current()) {
            return new TargetChoice(new NetnsTarget.Current(), "host (current netns) · " + who);
        }
        if (e.name() != null) {
            return new TargetChoice(new NetnsTarget.Named(e.name()), "netns " + e.name() + " · " + who);
        }
        return new TargetChoice(NetnsTarget.parse(e.targetSpec()), "process netns " + e.inode() + " · " + who);
    }

    @Override
    public String toString() {
        return label;
    }
}
