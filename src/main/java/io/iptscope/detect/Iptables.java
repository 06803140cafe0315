package io.iptscope.detect;

import io.iptscope.discover.BinaryInfo;
import io.iptscope.discover.BinaryInventory;
import io.iptscope.discover.Version;
import io.iptscope.exec.Command;
import io.iptscope.exec.CommandResult;
import io.iptscope.exec.CommandRunner;
import io.iptscope.exec.NetnsTarget;
import io.iptscope.rules.Family;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * iptables for callers that only declare the operation and the family: the binary is the one the
 * chosen strategy picks for the target and binary source. Modelled on Kubernetes'
 * {@code pkg/util/iptables} runner: {@code ensureChain} treats exit 1 of {@code -N} as "exists",
 * {@code ensureRule} checks with {@code -C} first, and legacy writes wait for the xtables lock.
 */
public final class Iptables {

    /** Where {@link #ensureRule} puts a missing rule. */
    public enum Position {
        APPEND("-A"),
        PREPEND("-I");

        private final String flag;

        Position(String flag) {
            this.flag = flag;
        }
    }

    /** {@code -w} exists since 1.4.20, with seconds since 1.4.22 (xtables lock). */
    private static final Version WAIT_FLAG = Version.of(1, 4, 20);
    private static final Version WAIT_SECONDS = Version.of(1, 4, 22);
    /** iptables-restore learnt {@code -w} in 1.6.2. */
    private static final Version RESTORE_WAIT = Version.of(1, 6, 2);
    private static final int EXIT_ALREADY_EXISTS_OR_NO_MATCH = 1;

    private final CommandRunner runner;
    private final NetnsTarget target;
    private final BinaryInventory binaries;
    private final Map<Family, Verdict> verdicts;
    private final Duration timeout;
    private final int lockWaitSeconds;

    public Iptables(CommandRunner runner, NetnsTarget target, BinaryInventory binaries, Map<Family, Verdict> verdicts,
                    Duration timeout, int lockWaitSeconds) {
        this.runner = runner;
        this.target = target;
        this.binaries = binaries;
        this.verdicts = new EnumMap<>(verdicts);
        this.timeout = timeout;
        this.lockWaitSeconds = lockWaitSeconds;
    }

    /** Detects with {@code strategy} and binds the verdicts of both families. */
    public static Iptables detect(CommandRunner runner, NetnsTarget target,
                                  io.iptscope.discover.BinarySource source, Strategy strategy, Duration timeout)
            throws InspectionException {
        Inspection inspection = new Detector(runner, timeout).inspect(target, source);
        Map<Family, Verdict> chosen = new EnumMap<>(Family.class);
        for (Family f : Family.values()) {
            chosen.put(f, strategy.decide(inspection.observation(), f));
        }
        return new Iptables(runner, target, inspection.observation().binaries(), chosen, timeout, 5);
    }

    public Verdict verdict(Family family) {
        return verdicts.get(family);
    }

    public CommandResult append(Family family, String table, String chain, List<String> rule) {
        return write(family, table, List.of("-A", chain), rule);
    }

    /** Inserts at the head of the chain. */
    public CommandResult insert(Family family, String table, String chain, List<String> rule) {
        return write(family, table, List.of("-I", chain), rule);
    }

    public CommandResult delete(Family family, String table, String chain, List<String> rule) {
        return write(family, table, List.of("-D", chain), rule);
    }

    /** Creates the chain unless it exists; returns true when it already existed. */
    public boolean ensureChain(Family family, String table, String chain) {
        CommandResult r = runner.run(command(family, table, List.of("-N", chain), List.of()));
        if (r.ok()) {
            return false;
        }
        if (r.exitCode() == EXIT_ALREADY_EXISTS_OR_NO_MATCH && !r.timedOut()) {
            return true;
        }
        throw new IptablesException("cannot create chain " + chain + " in " + table, r);
    }

    /** Adds the rule unless an identical one exists ({@code -C}); returns true when it already existed. */
    public boolean ensureRule(Family family, Position position, String table, String chain, List<String> rule) {
        CommandResult check = runner.run(command(family, table, List.of("-C", chain), rule));
        if (check.ok()) {
            return true;
        }
        if (check.exitCode() != EXIT_ALREADY_EXISTS_OR_NO_MATCH || check.timedOut()) {
            throw new IptablesException("cannot check rule in " + table + "/" + chain, check);
        }
        CommandResult add = runner.run(command(family, table, List.of(position.flag, chain), rule));
        if (!add.ok()) {
            throw new IptablesException("cannot add rule to " + table + "/" + chain, add);
        }
        return false;
    }

    /** The chosen backend's save output of all tables of the family. */
    public CommandResult save(Family family, boolean counters) {
        List<String> argv = new ArrayList<>(List.of(path(verdict(family).save(), family)));
        if (counters) {
            argv.add("-c");
        }
        return runner.run(binaries.enter(target, Command.of(argv).withTimeout(timeout)));
    }

    /** Feeds restore-format input to the chosen backend's restore binary. */
    public CommandResult restore(Family family, byte[] input, boolean noflush, boolean counters) {
        List<String> argv = new ArrayList<>(List.of(path(verdict(family).restore(), family)));
        argv.addAll(restoreWait(family));
        if (noflush) {
            argv.add("--noflush");
        }
        if (counters) {
            argv.add("--counters");
        }
        return runner.run(binaries.enter(target, Command.of(argv).withStdin(input).withTimeout(timeout)));
    }

    private CommandResult write(Family family, String table, List<String> op, List<String> rule) {
        return runner.run(command(family, table, op, rule));
    }

    private Command command(Family family, String table, List<String> op, List<String> rule) {
        List<String> argv = new ArrayList<>();
        argv.add(path(verdict(family).binary(), family));
        argv.addAll(wait(family));
        argv.add("-t");
        argv.add(table);
        argv.addAll(op);
        argv.addAll(rule);
        return binaries.enter(target, Command.of(argv).withTimeout(timeout.plusSeconds(lockWaitSeconds)));
    }

    private List<String> wait(Family family) {
        if (!isLegacy(family)) {
            return List.of();
        }
        Version v = version(verdict(family).binary());
        if (v == null || !v.atLeast(WAIT_FLAG.major(), WAIT_FLAG.minor(), WAIT_FLAG.patch())) {
            return List.of();
        }
        return v.compareTo(WAIT_SECONDS) >= 0 ? List.of("-w", Integer.toString(lockWaitSeconds)) : List.of("-w");
    }

    private List<String> restoreWait(Family family) {
        if (!isLegacy(family)) {
            return List.of();
        }
        Version v = version(verdict(family).restore());
        return v != null && v.compareTo(RESTORE_WAIT) >= 0 ? List.of("-w", Integer.toString(lockWaitSeconds)) : List.of();
    }

    private boolean isLegacy(Family family) {
        return verdict(family).backend() == VerdictBackend.LEGACY;
    }

    private Version version(BinaryRef ref) {
        return binaries.binaries().stream().filter(b -> b.name().equals(ref.name())).findFirst()
                .flatMap(BinaryInfo::parsedVersion).orElse(null);
    }

    private static String path(BinaryRef ref, Family family) {
        if (ref == null || !ref.present()) {
            throw new IptablesException("no " + family.id() + " binary to run: " + (ref == null
                    ? "the strategy chose no backend" : ref.name() + " is not in the binary source"), null);
        }
        return ref.path();
    }
}
