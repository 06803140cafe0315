package io.iptscope.discover;

import java.util.List;

/**
 * One distinct network namespace of the machine.
 *
 * @param name      the {@code ip netns} name, or null for a namespace only processes hold
 * @param path      a file to enter it by: {@code /run/netns/NAME} or {@code /proc/PID/ns/net}
 * @param processes the first few processes inside it
 * @param pidCount  how many processes are inside it in all
 * @param current   the netns the runner itself runs in
 */
public record NetnsEntry(long inode, String name, String path, List<ProcessRef> processes, int pidCount,
                         boolean current) {

    public NetnsEntry {
        processes = List.copyOf(processes);
    }

    public record ProcessRef(long pid, String command) {
    }

    /** The target spec that selects this namespace: {@code netns:NAME}, {@code pid:N} or {@code current}. */
    public String targetSpec() {
        if (name != null) {
            return "netns:" + name;
        }
        if (current) {
            return "current";
        }
        return processes.isEmpty() ? "path:" + path : "pid:" + processes.get(0).pid();
    }
}
