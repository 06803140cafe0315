package io.iptscope.discover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iptscope.exec.Command;
import io.iptscope.exec.CommandResult;
import io.iptscope.exec.CommandRunner;
import io.iptscope.json.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lists the running containers of the machine from /proc (processes whose mount namespace differs
 * from the host's), then names them with whatever container runtime answers (crictl, docker,
 * podman). Runtimes are optional: without one the containers are still listed.
 */
public final class ContainerDiscovery {

    private static final ObjectMapper JSON = Json.MAPPER;

    private final CommandRunner runner;
    private final Duration timeout;

    public ContainerDiscovery(CommandRunner runner, Duration timeout) {
        this.runner = runner;
        this.timeout = timeout;
    }

    private record Proc(long pid, long ppid, long mnt, long net, String comm) {
    }

    public List<ContainerEntry> list() {
        // PID 1's namespaces are the host's; where they cannot be read (a sandbox), the runner's own stand in.
        long hostMnt = inode("/proc/1/ns/mnt", inode("/proc/self/ns/mnt", -1));
        long hostNet = inode("/proc/1/ns/net", inode("/proc/self/ns/net", -1));
        CommandResult ps = runner.run(Command.of("ps", "-e", "-o", "pid=,ppid=,mntns=,netns=,comm=").withTimeout(timeout));
        Map<Long, List<Proc>> byMnt = new LinkedHashMap<>();
        for (String line : ps.stdoutText().split("\n")) {
            Proc p = parse(line);
            // Kernel threads (kthreadd and its children) live in the initial namespaces; they are no container.
            if (p != null && p.pid != 2 && p.ppid != 2 && p.mnt != hostMnt) {
                byMnt.computeIfAbsent(p.mnt, k -> new ArrayList<>()).add(p);
            }
        }
        List<ContainerEntry> out = new ArrayList<>();
        for (List<Proc> procs : byMnt.values()) {
            Proc first = procs.stream().min((a, b) -> Long.compare(a.pid, b.pid)).orElseThrow();
            out.add(new ContainerEntry(first.pid, procs.stream().map(Proc::pid).sorted().toList(), first.mnt, first.net,
                    first.net == hostNet, first.comm, null, null, null, null, null));
        }
        return name(out);
    }

    private static Proc parse(String line) {
        String[] f = line.strip().split("\\s+", 5);
        if (f.length < 5 || f[2].equals("-") || f[3].equals("-")) {
            return null;
        }
        try {
            return new Proc(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), f[4]);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Names from the runtimes, matched by PID. */
    private List<ContainerEntry> name(List<ContainerEntry> containers) {
        if (containers.isEmpty()) {
            return containers;
        }
        Map<Long, String[]> byPid = new HashMap<>();
        crictl(byPid);
        engine("docker", byPid);
        engine("podman", byPid);
        List<ContainerEntry> named = new ArrayList<>();
        for (ContainerEntry c : containers) {
            String[] n = c.pids().stream().map(byPid::get).filter(x -> x != null).findFirst().orElse(null);
            named.add(n == null ? c : c.named(n[0], n[1], n[2], n[3], n[4]));
        }
        return named;
    }

    private void crictl(Map<Long, String[]> byPid) {
        CommandResult ps = runner.run(Command.of("crictl", "ps", "-o", "json").withTimeout(timeout));
        if (!ps.ok()) {
            return;
        }
        try {
            for (JsonNode c : JSON.readTree(ps.stdout()).path("containers")) {
                String id = c.path("id").asText();
                CommandResult inspect = runner.run(Command.of("crictl", "inspect", "-o", "json", id).withTimeout(timeout));
                if (!inspect.ok()) {
                    continue;
                }
                long pid = JSON.readTree(inspect.stdout()).path("info").path("pid").asLong(0);
                JsonNode labels = c.path("labels");
                byPid.put(pid, new String[] {"cri", c.path("metadata").path("name").asText(null),
                        labels.path("io.kubernetes.pod.name").asText(null),
                        labels.path("io.kubernetes.pod.namespace").asText(null), c.path("image").path("image").asText(null)});
            }
        } catch (IOException ignored) {
            // A crictl whose JSON we cannot read names nothing; the containers stay listed by PID.
        }
    }

    private void engine(String tool, Map<Long, String[]> byPid) {
        CommandResult ids = runner.run(Command.of(tool, "ps", "-q").withTimeout(timeout));
        if (!ids.ok() || ids.stdoutText().isBlank()) {
            return;
        }
        List<String> argv = new ArrayList<>(List.of(tool, "inspect", "--format", "{{.State.Pid}}\t{{.Name}}\t{{.Config.Image}}"));
        argv.addAll(ids.stdoutText().lines().map(String::strip).filter(s -> !s.isEmpty()).toList());
        for (String line : runner.run(Command.of(argv).withTimeout(timeout)).stdoutText().split("\n")) {
            String[] f = line.split("\t");
            if (f.length == 3 && f[0].matches("[0-9]+")) {
                byPid.putIfAbsent(Long.parseLong(f[0]), new String[] {tool, f[1].replaceFirst("^/", ""), null, null, f[2]});
            }
        }
    }

    private long inode(String file, long fallback) {
        CommandResult r = runner.run(Command.of("stat", "-L", "-c", "%i", file).withTimeout(timeout));
        try {
            return r.ok() ? Long.parseLong(r.stdoutText().strip()) : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
