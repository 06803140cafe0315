package io.iptscope.iptables;

import io.iptscope.discover.Alternatives;
import io.iptscope.discover.BinaryInfo;
import io.iptscope.discover.BinaryInventory;
import io.iptscope.discover.BinarySource;
import io.iptscope.discover.Tool;
import io.iptscope.discover.Versions;
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

/**
 * Finds every iptables binary of a binary source, follows its symlinks and reads its version, in two batches:
 * one listing of the directories with the alternatives queries, then one {@code --version} per distinct binary
 * and mode. Everything goes through the runner, so the same code works on a remote host; it lives in the runner's
 * package because it builds the {@code --version} argv and enters a container's mount namespace.
 */
public final class Discovery {

    private static final int MAX_LINK_DEPTH = 16;
    private static final String ALTERNATIVES_DIR = "/etc/alternatives";

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
        // One batch: the listing of every directory (links and all, so that the chains resolve here, not hop by
        // hop) beside the alternatives queries.
        List<Command> first = new ArrayList<>();
        List<String> listedDirs = new ArrayList<>(dirs);
        if (!listedDirs.contains(ALTERNATIVES_DIR)) {
            // Where Debian's and Red Hat's plain names link to: their chains resolve without another round.
            listedDirs.add(ALTERNATIVES_DIR);
        }
        first.add(listing(listedDirs));
        first.addAll(alternativesCommands());
        List<CommandResult> listed = runner.runAll(first);
        Map<String, Entry> entries = new HashMap<>();
        parseEntries(listed.get(0), entries);
        List<Alternatives> alternatives = alternatives(listed.subList(1, listed.size()));
        Map<Tool, Located> found = locate(runner, dirs, entries);
        // Versions once per real file: on Debian 21 names resolve to two multi-call binaries and nft.
        Map<String, Command> versionCommands = new LinkedHashMap<>();
        found.forEach((t, l) -> versionCommands.computeIfAbsent(versionKey(t, l.resolved()),
                k -> versionCommand(t, l.path(), l.resolved())));
        List<CommandResult> results = runner.runAll(new ArrayList<>(versionCommands.values()));
        Map<String, CommandResult> byKey = new HashMap<>();
        int k = 0;
        for (String key : versionCommands.keySet()) {
            byKey.put(key, results.get(k++));
        }
        List<BinaryInfo> infos = new ArrayList<>();
        for (Tool tool : Tool.ALL) {
            Located l = found.get(tool);
            infos.add(l == null ? BinaryInfo.missing(tool) : Versions.withVersion(tool, l.path(), l.chain(),
                    l.resolved(), byKey.get(versionKey(tool, l.resolved()))));
        }
        return new BinaryInventory(source.describe(), dirs, infos, alternatives, mount);
    }

    /**
     * One file as {@code find} saw it: its own type, the type and permissions of what its links lead to
     * ({@code N}: nothing, {@code L}: a loop), and its link target (empty for a file).
     */
    private record Entry(char type, char finalType, int mode, String link) {
    }

    /** A name found: where, the links followed (first element: the first link's target) and the real file. */
    private record Located(String path, List<String> chain, String resolved) {
    }

    /** Every file of the directories whose name is a tool's or a multi-call binary's, with its link target. */
    private Command listing(List<String> dirs) {
        List<String> argv = new ArrayList<>(List.of("find"));
        argv.addAll(dirs);
        argv.addAll(List.of("-mindepth", "1", "-maxdepth", "1", "("));
        List<String> names = new ArrayList<>(Tool.ALL.stream().map(Tool::name).toList());
        names.add("xtables-*multi");
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                argv.add("-o");
            }
            argv.add("-name");
            argv.add(names.get(i));
        }
        argv.addAll(List.of(")", "-printf", ENTRY_FORMAT));
        return Command.of(argv).withTimeout(timeout);
    }

    /** Path, own type, type behind the links, permissions of what the links lead to, link target. */
    private static final String ENTRY_FORMAT = "%p\\t%y\\t%Y\\t%m\\t%l\\n";

    /** {@code find} exits non-zero for a missing directory or a link loop but still prints the others. */
    private static void parseEntries(CommandResult r, Map<String, Entry> into) {
        for (String line : r.stdoutText().split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length != 5 || f[1].length() != 1 || f[2].length() != 1) {
                continue;
            }
            try {
                into.put(f[0], new Entry(f[1].charAt(0), f[2].charAt(0), Integer.parseInt(f[3], 8), f[4]));
            } catch (NumberFormatException e) {
                // Not a line of our format (a file name with a TAB or a newline): that file is not a tool.
            }
        }
    }

    /**
     * The first directory holding each name as an executable file (links followed), like a PATH lookup, with its
     * link chain. Links that leave the listed directories (rare) are looked up in further rounds, all at once.
     */
    private Map<Tool, Located> locate(CommandRunner runner, List<String> dirs, Map<String, Entry> entries) {
        Map<Tool, Located> found = new LinkedHashMap<>();
        for (int round = 0; round <= MAX_LINK_DEPTH; round++) {
            java.util.Set<String> unknown = new java.util.LinkedHashSet<>();
            found.clear();
            for (Tool tool : Tool.ALL) {
                for (String dir : dirs) {
                    String path = dir.endsWith("/") ? dir + tool.name() : dir + "/" + tool.name();
                    Entry e = entries.get(path);
                    if (e == null || e.finalType() != 'f') {
                        continue;
                    }
                    Located l = follow(path, entries, unknown);
                    Entry target = l == null ? null : entries.get(l.resolved());
                    // A chain longer than MAX_LINK_DEPTH ends at a link, maybe one not listed: not a tool.
                    if (target != null && target.type() != 'l' && (target.mode() & 0111) != 0) {
                        found.put(tool, l);
                        break;
                    }
                    if (l == null) {
                        break;
                    }
                }
            }
            if (unknown.isEmpty() || round == MAX_LINK_DEPTH) {
                return found;
            }
            List<String> argv = new ArrayList<>(List.of("find"));
            argv.addAll(unknown);
            argv.addAll(List.of("-maxdepth", "0", "-printf", ENTRY_FORMAT));
            parseEntries(runner.run(Command.of(argv).withTimeout(timeout)), entries);
            unknown.forEach(u -> entries.putIfAbsent(u, new Entry('N', 'N', 0, "")));
        }
        return found;
    }

    /** The chain from {@code path} to its real file; null when a hop is not known yet (added to {@code unknown}). */
    private static Located follow(String path, Map<String, Entry> entries, java.util.Set<String> unknown) {
        List<String> chain = new ArrayList<>();
        String current = path;
        for (int depth = 0; depth < MAX_LINK_DEPTH; depth++) {
            Entry e = entries.get(current);
            if (e == null) {
                unknown.add(current);
                return null;
            }
            if (e.type() != 'l') {
                return new Located(path, List.copyOf(chain), current);
            }
            current = Path.of(current).resolveSibling(e.link()).normalize().toString();
            chain.add(current);
        }
        return new Located(path, List.copyOf(chain), current);
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
