package io.iptscope.iptables;

import io.iptscope.discover.BinaryInfo;
import io.iptscope.discover.BinaryInventory;
import io.iptscope.discover.Tool;
import io.iptscope.discover.ToolKind;
import io.iptscope.discover.Variant;
import io.iptscope.exec.Command;
import io.iptscope.exec.CommandResult;
import io.iptscope.exec.CommandRunner;
import io.iptscope.exec.NetnsTarget;
import io.iptscope.exec.Nsenter;
import io.iptscope.exec.Running;
import io.iptscope.exec.RunningUser;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The live target: the machine (through {@code runner}, local or SSH), the netns whose rules are
 * read or written, and the binary source whose binaries do it. The one place that chooses a binary,
 * enters it (the binary source's mount namespace, the target's netns) and builds its argv with the
 * flags its version supports ({@link Quirks}).
 */
public final class Endpoint {

    /** Options of a restore; {@link #TEST} is only set by {@link #test}. */
    public enum RestoreOption {
        NOFLUSH("--noflush"),
        COUNTERS("--counters"),
        TEST("--test");

        private final String flag;

        RestoreOption(String flag) {
            this.flag = flag;
        }
    }

    /**
     * How a {@code --test} ran.
     *
     * @param where where it ran, said to the user: the target, or a scratch netns and why
     */
    public record Tested(CommandResult result, boolean scratch, String where) {
    }

    private final CommandRunner runner;
    private final NetnsTarget netns;
    private final BinaryInventory binaries;
    private final Duration timeout;
    private final Map<String, Quirks.Flags> flags = new HashMap<>();

    public Endpoint(CommandRunner runner, NetnsTarget netns, BinaryInventory binaries, Duration timeout) {
        this.runner = runner;
        this.netns = netns;
        this.binaries = binaries;
        this.timeout = timeout;
        for (BinaryInfo b : binaries.binaries()) {
            if (b.found() && b.kind() != null) {
                b.effectiveBackend().ifPresent(backend -> flags.put(b.name(), Quirks.Flags.of(b, backend)));
            }
        }
    }

    public CommandRunner runner() {
        return runner;
    }

    public NetnsTarget netns() {
        return netns;
    }

    public BinaryInventory binaries() {
        return binaries;
    }

    public Duration timeout() {
        return timeout;
    }

    public String host() {
        return runner.host();
    }

    // ---- choosing binaries ----

    /** The binary of {@code kind} that talks to {@code backend}: the backend's own name, else the plain one in that mode. */
    public Optional<BinaryInfo> binary(Backend backend, Family family, ToolKind kind) {
        BinaryInfo own = binaries.get(family, Variant.of(backend), kind);
        if (own.found()) {
            return Optional.of(own);
        }
        BinaryInfo plain = binaries.get(family, Variant.PLAIN, kind);
        return plain.found() && plain.effectiveBackend().orElse(null) == backend ? Optional.of(plain) : Optional.empty();
    }

    public Optional<BinaryInfo> nft() {
        BinaryInfo nft = binaries.get(Tool.NFT);
        return nft.found() ? Optional.of(nft) : Optional.empty();
    }

    /** "iptables-legacy-save is not in the binary source", for errors. */
    public static String missing(Backend backend, Family family, ToolKind kind) {
        return family.toolPrefix() + backend.suffix() + kind.suffix() + " is not in the binary source";
    }

    /** What {@code bin} supports, computed once from its version. */
    public Quirks.Flags flags(BinaryInfo bin) {
        return flags.getOrDefault(bin.name(), new Quirks.Flags(false, false, false));
    }

    // ---- entering ----

    /** The command with the binary source's mount namespace and the target's netns. */
    Command enter(Command command) {
        return Nsenter.wrap(binaries.mountNamespace(), netns.nsPath().orElse(null), command);
    }

    /**
     * How a fresh netns that dies with its command is made: {@code unshare --net} as root; without root, in a
     * user namespace that maps the caller to root inside ({@code unshare --map-root-user --net}), where the
     * kernel allows unprivileged user namespaces.
     */
    public enum ScratchNetns {
        ROOT(List.of("unshare", "--net", "--")),
        USER_NAMESPACE(List.of("unshare", "--map-root-user", "--net", "--"));

        private final List<String> prefix;

        ScratchNetns(List<String> prefix) {
            this.prefix = prefix;
        }

        /** What the user is told: the unshare command line. */
        public String describe() {
            return String.join(" ", prefix.subList(0, prefix.size() - 1));
        }
    }

    /** The command with the binary source's mount namespace, in a fresh netns that dies with it. */
    private Command scratch(Command command, ScratchNetns how) {
        return Nsenter.wrap(binaries.mountNamespace(), null, command).prefixed(how.prefix);
    }

    /** Whether the runner's user can make a scratch netns with plain {@code unshare --net} ({@code id -u} is 0). */
    public ScratchNetns scratchNetns() {
        return RunningUser.root(runner, timeout) ? ScratchNetns.ROOT : ScratchNetns.USER_NAMESPACE;
    }

    /** Whether a scratch command failed because {@code unshare} could not make the netns, not the command in it. */
    public static boolean unshareFailed(CommandResult r) {
        return !r.ok() && r.stderrText().startsWith("unshare:");
    }

    // ---- reads ----

    /** Reads the legacy names file of {@code family} in the target. */
    public Call legacyNames(Family family) {
        return new Call(enter(Command.of("cat", Quirks.legacyNamesFile(family)).withTimeout(timeout)));
    }

    /** Reads a file of the target's netns view, e.g. {@code /proc/sys/net/ipv6/conf/all/disable_ipv6}. */
    public Call procFile(String path) {
        if (!path.startsWith("/proc/")) {
            throw new IllegalArgumentException("not a /proc file: " + path);
        }
        return new Call(enter(Command.of("cat", path).withTimeout(timeout)));
    }

    /**
     * A save of every table of {@code save}'s backend, never {@code -t}. A legacy save only after the
     * names file listed a table ({@code legacy} must be {@link LegacyTables#any()}).
     */
    public Call save(BinaryInfo save, boolean counters, LegacyTables legacy) {
        if (save.kind() != ToolKind.SAVE) {
            throw new IllegalArgumentException(save.name() + " is not a save binary");
        }
        if (save.effectiveBackend().orElse(null) == Backend.LEGACY && (legacy == null || !legacy.any())) {
            throw new IllegalStateException("a legacy save runs only after " + Quirks.legacyNamesFile(save.family())
                    + " listed a table");
        }
        List<String> argv = new ArrayList<>(List.of(save.path()));
        if (counters) {
            argv.add("-c");
        }
        return new Call(enter(Command.of(argv).withTimeout(timeout)));
    }

    /** {@code nft -j list WHAT} ({@code tables}, {@code chains}): reads only. */
    public Call nftList(String what) {
        if (!Set.of("tables", "chains").contains(what)) {
            throw new IllegalArgumentException("nft list " + what + " is not a read iptscope makes");
        }
        BinaryInfo nft = nft().orElseThrow(() -> new IllegalStateException("nft is not in the binary source"));
        // At a lower priority: a detection runs it beside the saves, the slowest reads (at 100k iptables-nft rules
        // it takes 0.5 s of CPU; on two cores the nft save it competed with ended 0.1-0.35 s later).
        return new Call(enter(Command.of("nice", "-n", "10", nft.path(), "-j", "list", what).withTimeout(timeout)));
    }

    /** {@code nft -j list table FAMILY NAME}: reads one table's chains, rules and sets. */
    public Call nftListTable(String family, String name) {
        if (!family.matches("[a-z0-9]+") || name.isEmpty() || name.startsWith("-") || name.contains("\n")) {
            throw new IllegalArgumentException("not an nft table: " + family + " " + name);
        }
        BinaryInfo nft = nft().orElseThrow(() -> new IllegalStateException("nft is not in the binary source"));
        return new Call(enter(Command.of(nft.path(), "-j", "list", "table", family, name).withTimeout(timeout)));
    }

    public CommandResult run(Call call) {
        return runner.run(call.command);
    }

    /** Runs independent calls (the runner may run them in parallel); results keep the order. */
    public List<CommandResult> runAll(List<Call> calls) {
        return runner.runAll(calls.stream().map(c -> c.command).toList());
    }

    /**
     * Reads one backend and family by the read-only rule: legacy's names file first, its save only when
     * that lists a table.
     */
    public Read read(Backend backend, Family family, boolean counters) {
        LegacyTables legacy = null;
        if (backend == Backend.LEGACY) {
            legacy = LegacyTables.of(family, run(legacyNames(family)));
            if (!legacy.any()) {
                return new Read(backend, family, binary(backend, family, ToolKind.SAVE).orElse(null), legacy, null);
            }
        }
        Optional<BinaryInfo> save = binary(backend, family, ToolKind.SAVE);
        if (save.isEmpty()) {
            return new Read(backend, family, null, legacy, null);
        }
        return new Read(backend, family, save.get(), legacy, run(save(save.get(), counters, legacy)));
    }

    /** {@code nft monitor} in the target, each line to {@code onLine} until it ends or is stopped. */
    public Running nftMonitor(Consumer<String> onLine) {
        BinaryInfo nft = nft().orElseThrow(() -> new IllegalStateException("nft is not in the binary source"));
        return runner.start(enter(Command.of(nft.path(), "monitor")), onLine);
    }

    // ---- writes ----

    /** The restore argv: the legacy lock wait where the version has it, then the options. */
    private List<String> restoreArgv(BinaryInfo restore, int lockWaitSeconds, Set<RestoreOption> options) {
        if (restore.kind() != ToolKind.RESTORE) {
            throw new IllegalArgumentException(restore.name() + " is not a restore binary");
        }
        List<String> argv = new ArrayList<>(List.of(restore.path()));
        if (flags(restore).waitSeconds()) {
            argv.add("-w");
            argv.add(Integer.toString(lockWaitSeconds));
        }
        for (RestoreOption o : RestoreOption.values()) {
            if (options.contains(o)) {
                argv.add(o.flag);
            }
        }
        return argv;
    }

    /** Feeds restore-format {@code input} to {@code restore} in the target. */
    public CommandResult restore(BinaryInfo restore, int lockWaitSeconds, Set<RestoreOption> options, byte[] input,
                                 Duration within) {
        if (options.contains(RestoreOption.TEST)) {
            throw new IllegalArgumentException("--test runs through test(), which keeps legacy tables from appearing");
        }
        return runner.run(enter(Command.of(restoreArgv(restore, lockWaitSeconds, options)).withStdin(input)
                .withTimeout(within)));
    }

    /**
     * {@code --test} of {@code input} without touching the target's kernel state. nft's test changes
     * nothing. Legacy's makes the kernel create every table it names, so it runs in the target only when
     * the names file already lists all of {@code tables}, else in a scratch netns ({@code unshare --net})
     * that dies with it; {@link Tested#where()} says which.
     */
    public Tested test(BinaryInfo restore, int lockWaitSeconds, Set<RestoreOption> options, List<String> tables,
                       byte[] input, Duration within) {
        Set<RestoreOption> withTest = new java.util.HashSet<>(options);
        withTest.add(RestoreOption.TEST);
        Command command = Command.of(restoreArgv(restore, lockWaitSeconds, withTest)).withStdin(input)
                .withTimeout(within);
        if (restore.effectiveBackend().orElse(null) != Backend.LEGACY) {
            return new Tested(runner.run(enter(command)), false, "in the target (an nft --test changes nothing)");
        }
        LegacyTables present = LegacyTables.of(restore.family(), run(legacyNames(restore.family())));
        List<String> absent = tables.stream().filter(t -> !present.has(t)).toList();
        if (present.status() != LegacyTables.Status.FAILED && absent.isEmpty()) {
            return new Tested(runner.run(enter(command)), false, "in the target (its legacy tables "
                    + String.join(", ", tables) + " already exist, so --test creates none)");
        }
        String why = present.status() == LegacyTables.Status.FAILED
                ? Quirks.legacyNamesFile(restore.family()) + " could not be read"
                : "the target has no legacy table " + String.join(", ", absent) + " and a legacy --test would create it";
        CommandResult r = runner.run(scratch(command, ScratchNetns.ROOT));
        String caveat = "";
        if (unshareFailed(r)) {
            caveat = "; unshare failed, so the input was not tested at all";
        } else if (options.contains(RestoreOption.NOFLUSH)) {
            caveat = "; with --noflush, chains the input uses but does not declare exist only in the target";
        }
        return new Tested(r, true, "in a scratch network namespace (unshare --net), because " + why
                + "; the target's kernel was not touched" + caveat);
    }

    /**
     * The binaries' own form of restore-format {@code input}: restored with {@code restore} into a scratch netns
     * and saved back with {@code save} of the same backend ({@code --counters} and {@code -c} with counters), in
     * one process tree because the netns dies with it. Neither the target nor the machine's own rules are read or
     * touched. A failure of unshare is told apart by {@link #unshareFailed}; otherwise a failed result is the
     * restore's refusal of the input (it names the line) or the save's.
     */
    public CommandResult canonical(BinaryInfo restore, BinaryInfo save, boolean counters, ScratchNetns how,
                                   int lockWaitSeconds, byte[] input, Duration within) {
        if (save.kind() != ToolKind.SAVE || save.family() != restore.family()
                || save.effectiveBackend().orElse(null) != restore.effectiveBackend().orElse(null)) {
            throw new IllegalArgumentException(save.name() + " is not the save of " + restore.name());
        }
        Command restoring = Command.of(restoreArgv(restore, lockWaitSeconds,
                counters ? Set.of(RestoreOption.COUNTERS) : Set.of())).withStdin(input).withTimeout(within);
        Command saving = Command.of(counters ? List.of(save.path(), "-c") : List.of(save.path())).withTimeout(within);
        return runner.run(scratch(restoring.then(saving), how));
    }

    /** The argv (entered into the target) that restores {@code file} on the target machine: for a rollback script. */
    public List<String> restoreFileArgv(BinaryInfo restore, int lockWaitSeconds, Set<RestoreOption> options,
                                        String file) {
        List<String> argv = restoreArgv(restore, lockWaitSeconds, options);
        argv.add(file);
        return enter(Command.of(argv)).argv();
    }

    /** The argv (entered into the target) that deletes an nft table of {@code family}: for a rollback script. */
    public List<String> nftDeleteTableArgv(Family family, String table) {
        BinaryInfo nft = nft().orElseThrow(() -> new IllegalStateException("nft is not in the binary source"));
        return enter(Command.of(nft.path(), "delete", "table", family == Family.IPV4 ? "ip" : "ip6", table)).argv();
    }

    /**
     * {@code BIN [-w [SECONDS]] -t TABLE OP...}: a rule or chain command of the base binary. Only for
     * writes and for reads of tables that exist (see {@link Iptables}).
     */
    Command iptables(BinaryInfo bin, int lockWaitSeconds, String table, List<String> op) {
        List<String> argv = new ArrayList<>(List.of(bin.path()));
        Quirks.Flags f = flags(bin);
        if (f.waitSeconds()) {
            argv.addAll(List.of("-w", Integer.toString(lockWaitSeconds)));
        } else if (f.waitFlag()) {
            argv.add("-w");
        }
        argv.add("-t");
        argv.add(table);
        argv.addAll(op);
        return enter(Command.of(argv).withTimeout(timeout.plusSeconds(lockWaitSeconds)));
    }

    /** Runs a command on the machine, outside the netns: files, the rollback timer. Never iptables. */
    public CommandResult onHost(Command command) {
        return runner.run(command);
    }
}
