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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lists the named namespaces and the distinct namespaces of running processes, so a container's
 * netns can be chosen without knowing its PID.
 */
public final class NetnsDiscovery {

    private static final int PROCESSES_SHOWN = 5;
    private static final ObjectMapper JSON = Json.MAPPER;

    private final CommandRunner runner;
    private final Duration timeout;

    public NetnsDiscovery(CommandRunner runner, Duration timeout) {
        this.runner = runner;
        this.timeout = timeout;
    }

    public List<NetnsEntry> list() {
        long current = inodeOf("/proc/self/ns/net");
        Map<Long, String> named = named();
        Map<Long, List<NetnsEntry.ProcessRef>> byInode = new LinkedHashMap<>();
        CommandResult ps = runner.run(Command.of("ps", "-e", "-o", "pid=,netns=,comm=").withTimeout(timeout));
        for (String line : ps.stdoutText().split("\n")) {
            String[] f = line.strip().split("\\s+", 3);
            if (f.length < 3 || f[1].equals("-")) {
                continue;
            }
            try {
                byInode.computeIfAbsent(Long.parseLong(f[1]), k -> new ArrayList<>())
                        .add(new NetnsEntry.ProcessRef(Long.parseLong(f[0]), f[2]));
            } catch (NumberFormatException ignored) {
                // Not a process line (a header or a kernel thread without netns).
            }
        }
        List<NetnsEntry> out = new ArrayList<>();
        for (Map.Entry<Long, String> n : named.entrySet()) {
            List<NetnsEntry.ProcessRef> procs = byInode.getOrDefault(n.getKey(), List.of());
            out.add(entry(n.getKey(), n.getValue(), "/run/netns/" + n.getValue(), procs, current));
        }
        for (Map.Entry<Long, List<NetnsEntry.ProcessRef>> p : byInode.entrySet()) {
            if (!named.containsKey(p.getKey())) {
                out.add(entry(p.getKey(), null, "/proc/" + p.getValue().get(0).pid() + "/ns/net", p.getValue(), current));
            }
        }
        out.sort(Comparator.comparing((NetnsEntry e) -> !e.current()).thenComparing(e -> e.name() == null)
                .thenComparing(e -> e.name() == null ? "" : e.name()).thenComparingLong(NetnsEntry::inode));
        return out;
    }

    private static NetnsEntry entry(long inode, String name, String path, List<NetnsEntry.ProcessRef> procs,
                                    long current) {
        return new NetnsEntry(inode, name, path, procs.subList(0, Math.min(PROCESSES_SHOWN, procs.size())),
                procs.size(), inode == current);
    }

    private Map<Long, String> named() {
        Map<Long, String> out = new LinkedHashMap<>();
        CommandResult list = runner.run(Command.of("ip", "-j", "netns", "list").withTimeout(timeout));
        List<String> names = new ArrayList<>();
        if (list.ok() && !list.stdoutText().isBlank()) {
            try {
                for (JsonNode n : JSON.readTree(list.stdout())) {
                    names.add(n.path("name").asText());
                }
            } catch (IOException ignored) {
                // An ip too old for -j prints nothing parseable; named namespaces are then not listed.
            }
        }
        if (names.isEmpty()) {
            return out;
        }
        List<String> argv = new ArrayList<>(List.of("stat", "-L", "-c", "%i %n"));
        names.forEach(n -> argv.add("/run/netns/" + n));
        for (String line : runner.run(Command.of(argv).withTimeout(timeout)).stdoutText().split("\n")) {
            int sp = line.indexOf(' ');
            if (sp > 0 && line.startsWith("/", sp + 1)) {
                try {
                    out.put(Long.parseLong(line.substring(0, sp)), line.substring(sp + 1 + "/run/netns/".length()));
                } catch (NumberFormatException ignored) {
                    // stat printed something else; skip that namespace rather than guess.
                }
            }
        }
        return out;
    }

    private long inodeOf(String file) {
        CommandResult r = runner.run(Command.of("stat", "-L", "-c", "%i", file).withTimeout(timeout));
        try {
            return Long.parseLong(r.stdoutText().strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
