package io.iptscope.discover;

import java.util.List;

/**
 * A running container as seen from /proc: processes sharing a mount namespace other than the
 * host's. Runtime fields are filled where crictl, docker or podman answered for one of its PIDs.
 *
 * @param pid     the lowest PID inside: its /proc/PID/ns/* files enter the container
 * @param netns   the inode of its network namespace
 * @param hostNet whether it shares the host's network namespace (hostNetwork pods, --net=host)
 */
public record ContainerEntry(long pid, List<Long> pids, long mountNs, long netns, boolean hostNet, String command,
                             String runtime, String name, String pod, String podNamespace, String image) {

    public ContainerEntry {
        pids = List.copyOf(pids);
    }

    /** The name an operator knows it by: pod/container, the runtime's name, or the command and PID. */
    public String label() {
        if (pod != null) {
            return (podNamespace == null ? "" : podNamespace + "/") + pod + "/" + name;
        }
        return name != null ? name : command + "[" + pid + "]";
    }

    public BinarySource binarySource() {
        return new BinarySource.Container(pid, label());
    }

    ContainerEntry named(String rt, String n, String p, String pns, String img) {
        return new ContainerEntry(pid, pids, mountNs, netns, hostNet, command, rt, n, p, pns, img);
    }
}
