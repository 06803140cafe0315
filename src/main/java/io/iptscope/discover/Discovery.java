package io.iptscope.discover;

import io.iptscope.exec.Command;
import io.iptscope.exec.CommandResult;
import io.iptscope.exec.CommandRunner;
import io.iptscope.exec.Nsenter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds every iptables binary of a binary source, follows its symlinks and reads its version.
 * Everything goes through the runner, so the same code works on a remote host.
 */
public final class Discovery {

    private static final int MAX_LINK_DEPTH = 16;

    private final CommandRunner runner;
    private final Duration timeout;

    public Discovery(CommandRunner runner, Duration timeout) {
        this.runner = runner;
        this.timeout = timeout;
    }

    public BinaryInventory discover(BinarySource source) {
        String mount = source.mountNamespace();
        CommandRunner runner = mount == null ? this.runner : new MountRunner(this.runner, mount);
        List<String> dirs = source.directories(this.runner);
        Map<Tool, String> found = locate(runner, dirs);
        Map<String, List<String>> chains = symlinkChains(runner, found.values());
        // Versions once per real file: on Debian 21 names resolve to two multi-call binaries and nft.
        Map<Tool, String> resolvedOf = new LinkedHashMap<>();
        for (Tool t : Tool.ALL) {
            String path = found.get(t);
            if (path != null) {
                List<String> chain = chains.getOrDefault(path, List.of());
                resolvedOf.put(t, chain.isEmpty() ? path : chain.get(chain.size() - 1));
            }
        }
        Map<String, Command> versionCommands = new LinkedHashMap<>();
        resolvedOf.forEach((t, resolved) -> versionCommands.computeIfAbsent(versionKey(t, resolved),
                k -> versionCommand(t, found.get(t), resolved)));
        List<Command> batch = new ArrayList<>(versionCommands.values());
        batch.addAll(alternativesCommands());
        List<CommandResult> results = runner.runAll(batch);
        Map<String, CommandResult> byKey = new HashMap<>();
        int k = 0;
        for (String key : versionCommands.keySet()) {
            byKey.put(key, results.get(k++));
        }
        Map<Tool, CommandResult> versionOf = new HashMap<>();
        resolvedOf.forEach((t, resolved) -> versionOf.put(t, byKey.get(versionKey(t, resolved))));
        List<Alternatives> alternatives = alternatives(results.subList(k, results.size()));
        List<BinaryInfo> infos = new ArrayList<>();
        for (Tool tool : Tool.ALL) {
            String path = found.get(tool);
            if (path == null) {
                infos.add(BinaryInfo.missing(tool));
                continue;
            }
            List<String> chain = chains.getOrDefault(path, List.of());
            String resolved = chain.isEmpty() ? path : chain.get(chain.size() - 1);
            infos.add(withVersion(tool, path, chain, resolved, versionOf.get(tool)));
        }
        return new BinaryInventory(source.describe(), dirs, infos, alternatives, mount);
    }

    /** First directory holding each name as an executable file (links followed), like a PATH lookup. */
    private Map<Tool, String> locate(CommandRunner runner, List<String> dirs) {
        List<String> argv = new ArrayList<>(List.of("find", "-L"));
        argv.addAll(dirs);
        argv.addAll(List.of("-maxdepth", "1", "("));
        for (int i = 0; i < Tool.ALL.size(); i++) {
            if (i > 0) {
                argv.add("-o");
            }
            argv.add("-name");
            argv.add(Tool.ALL.get(i).name());
        }
        argv.addAll(List.of(")", "-type", "f", "-perm", "/111", "-printf", "%H\\t%f\\n"));
        // find exits non-zero for a missing directory or a link loop but still prints the others.
        CommandResult r = runner.run(Command.of(argv).withTimeout(timeout));
        Map<String, Integer> dirRank = new HashMap<>();
        for (int i = 0; i < dirs.size(); i++) {
            dirRank.putIfAbsent(dirs.get(i), i);
        }
        Map<Tool, String> best = new LinkedHashMap<>();
        Map<Tool, Integer> bestRank = new HashMap<>();
        for (String line : r.stdoutText().split("\n")) {
            int tab = line.indexOf('\t');
            if (tab < 0) {
                continue;
            }
            String dir = line.substring(0, tab);
            Optional<Tool> tool = Tool.byName(line.substring(tab + 1));
            Integer rank = dirRank.get(dir);
            if (tool.isEmpty() || rank == null) {
                continue;
            }
            if (rank < bestRank.getOrDefault(tool.get(), Integer.MAX_VALUE)) {
                bestRank.put(tool.get(), rank);
                best.put(tool.get(), dir.endsWith("/") ? dir + tool.get().name() : dir + "/" + tool.get().name());
            }
        }
        return best;
    }

    /** For each path, the links followed to reach the real file (first element: the first link's target). */
    private Map<String, List<String>> symlinkChains(CommandRunner runner, java.util.Collection<String> paths) {
        Map<String, List<String>> chains = new HashMap<>();
        Map<String, String> current = new LinkedHashMap<>();
        for (String p : paths) {
            chains.put(p, new ArrayList<>());
            current.put(p, p);
        }
        // Every path looked at once: a chain that reaches a file already seen (iptables-nft via the
        // alternatives link) needs no further round, which saves an ssh session per hop remotely.
        Map<String, String> targets = new HashMap<>();
        for (int depth = 0; depth < MAX_LINK_DEPTH && !current.isEmpty(); depth++) {
            java.util.Set<String> unknown = new java.util.LinkedHashSet<>(current.values());
            unknown.removeAll(targets.keySet());
            if (!unknown.isEmpty()) {
                List<String> argv = new ArrayList<>(List.of("find"));
                argv.addAll(unknown);
                argv.addAll(List.of("-maxdepth", "0", "-printf", "%p\\t%l\\n"));
                CommandResult r = runner.run(Command.of(argv).withTimeout(timeout));
                unknown.forEach(u -> targets.put(u, ""));
                for (String line : r.stdoutText().split("\n")) {
                    int tab = line.indexOf('\t');
                    if (tab > 0) {
                        targets.put(line.substring(0, tab), line.substring(tab + 1));
                    }
                }
            }
            Map<String, String> next = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : current.entrySet()) {
                String target = targets.getOrDefault(e.getValue(), "");
                if (target.isEmpty()) {
                    continue;
                }
                String absolute = Path.of(e.getValue()).resolveSibling(target).normalize().toString();
                chains.get(e.getKey()).add(absolute);
                next.put(e.getKey(), absolute);
            }
            current = next;
        }
        Map<String, List<String>> frozen = new HashMap<>();
        chains.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return frozen;
    }

    /**
     * Names that resolve to one xtables multi-call binary share its version and mode (the binary, not
     * the name, decides the backend); any other file is asked under its own name.
     */
    private static String versionKey(Tool tool, String resolved) {
        return isMultiCall(resolved) ? resolved : resolved + "\t" + tool.name();
    }

    private static boolean isMultiCall(String resolved) {
        String file = Path.of(resolved).getFileName().toString();
        return file.equals("xtables-multi") || file.equals("xtables-legacy-multi") || file.equals("xtables-nft-multi");
    }

    private Command versionCommand(Tool tool, String path, String resolved) {
        // The multi-call binaries dispatch on their first argument.
        List<String> argv = isMultiCall(resolved) ? List.of(resolved, "iptables", "--version")
                : List.of(path, "--version");
        return Command.of(argv).withTimeout(timeout);
    }

    /** Runs every command inside a mount namespace: a container's files, PATH lookups and libraries. */
    private record MountRunner(CommandRunner delegate, String mountNs) implements CommandRunner {
        @Override
        public CommandResult run(Command command) {
            return delegate.run(Nsenter.wrap(mountNs, null, command));
        }

        @Override
        public List<CommandResult> runAll(List<Command> commands) {
            return delegate.runAll(commands.stream().map(c -> Nsenter.wrap(mountNs, null, c)).toList());
        }

        @Override
        public String host() {
            return delegate.host();
        }
    }

    static BinaryInfo withVersion(Tool tool, String path, List<String> chain, String resolved, CommandResult r) {
        String out = r.stdoutText().strip();
        String firstLine = out.isEmpty() ? null : out.lines().findFirst().orElse(null);
        String err = r.stderrText();
        // iptables-save up to 1.6.1 exits 0 on an unknown option, so the exit code alone proves nothing.
        boolean rejected = !r.ok() || err.contains("unrecognized option") || err.contains("invalid option");
        Optional<Version> version = rejected ? Optional.empty() : Version.find(out);
        String note = null;
        if (r.timedOut()) {
            note = "--version timed out";
        } else if (rejected) {
            note = tool.kind() == ToolKind.SAVE
                    ? "rejects --version (iptables-save before 1.6.2 takes no options); mode taken from its name"
                    : "--version failed: " + r.summary();
        } else if (version.isEmpty()) {
            note = "no version in --version output";
        }
        Mode mode = modeOf(tool, rejected ? "" : out, version.isPresent());
        return new BinaryInfo(tool.name(), tool.family(), tool.variant(), tool.kind(), path, chain, resolved,
                version.map(Version::toString).orElse(null), mode, firstLine, note);
    }

    static Mode modeOf(Tool tool, String versionOutput, boolean hasVersion) {
        if (tool.equals(Tool.NFT) || versionOutput.contains("nf_tables")) {
            return Mode.NF_TABLES;
        }
        if (versionOutput.contains("(legacy)")) {
            return Mode.LEGACY;
        }
        if (tool.variant() == Variant.LEGACY) {
            return Mode.LEGACY;
        }
        if (tool.variant() == Variant.NFT) {
            return Mode.NF_TABLES;
        }
        // iptables before 1.8 printed no mode and had no nf_tables backend at all.
        return hasVersion && tool.isIptables() ? Mode.LEGACY : Mode.UNKNOWN;
    }

    private List<Command> alternativesCommands() {
        return List.of("iptables", "ip6tables").stream()
                .map(name -> Command.of("update-alternatives", "--query", name).withTimeout(timeout)).toList();
    }

    private static List<Alternatives> alternatives(List<CommandResult> queries) {
        List<Alternatives> out = new ArrayList<>();
        for (CommandResult r : queries) {
            if (r.ok()) {
                Alternatives a = Alternatives.parseQuery(r.stdoutText());
                if (a != null) {
                    out.add(a);
                }
            }
        }
        return out;
    }
}
