package io.iptscope.iptables;

import io.iptscope.discover.BinaryInfo;
import io.iptscope.discover.ToolKind;
import io.iptscope.exec.CommandResult;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * iptables for callers that only declare the operation and the family: the binary is the one of the
 * backend chosen for the family (e.g. by a detection strategy). Modelled on Kubernetes'
 * {@code pkg/util/iptables} runner: {@code ensureChain} treats {@link Quirks#EXIT_OTHER_PROBLEM} of
 * {@code -N} as "exists", {@code ensureRule} checks with {@code -C} first, legacy writes wait for the
 * xtables lock. {@code -C} goes to a legacy table only when it exists, since it would create it.
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

    public static final int DEFAULT_LOCK_WAIT_SECONDS = 5;

    private final Endpoint ep;
    private final Map<Family, Backend> backends;
    private final int lockWaitSeconds;

    /** @param backends the backend that holds each family's rules */
    public Iptables(Endpoint ep, Map<Family, Backend> backends, int lockWaitSeconds) {
        this.ep = ep;
        this.backends = new EnumMap<>(backends);
        this.lockWaitSeconds = lockWaitSeconds;
    }

    public Backend backend(Family family) {
        Backend b = backends.get(family);
        if (b == null) {
            throw new IptablesException("no backend was chosen for " + family.id(), null);
        }
        return b;
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
        CommandResult r = write(family, table, List.of("-N", chain), List.of());
        if (r.ok()) {
            return false;
        }
        if (r.exitCode() == Quirks.EXIT_OTHER_PROBLEM && !r.timedOut()) {
            return true;
        }
        throw new IptablesException("cannot create chain " + chain + " in " + table, r);
    }

    /** Adds the rule unless an identical one exists ({@code -C}); returns true when it already existed. */
    public boolean ensureRule(Family family, Position position, String table, String chain, List<String> rule) {
        if (tableExists(family, table)) {
            CommandResult check = write(family, table, List.of("-C", chain), rule);
            if (check.ok()) {
                return true;
            }
            if (check.exitCode() != Quirks.EXIT_OTHER_PROBLEM || check.timedOut()) {
                throw new IptablesException("cannot check rule in " + table + "/" + chain, check);
            }
        }
        CommandResult add = write(family, table, List.of(position.flag, chain), rule);
        if (!add.ok()) {
            throw new IptablesException("cannot add rule to " + table + "/" + chain, add);
        }
        return false;
    }

    /**
     * The chosen backend's save output of all tables of the family. Legacy without tables runs no save:
     * the result is then the names file's read (empty output, or the failure to read it).
     */
    public CommandResult save(Family family, boolean counters) {
        Read r = ep.read(backend(family), family, counters);
        if (r.save() == null) {
            throw new IptablesException(Endpoint.missing(backend(family), family, ToolKind.SAVE), null);
        }
        if (r.result() == null) {
            return r.legacy().read();
        }
        return r.result();
    }

    /** Feeds restore-format input to the chosen backend's restore binary. */
    public CommandResult restore(Family family, byte[] input, boolean noflush, boolean counters) {
        Set<Endpoint.RestoreOption> options = java.util.EnumSet.noneOf(Endpoint.RestoreOption.class);
        if (noflush) {
            options.add(Endpoint.RestoreOption.NOFLUSH);
        }
        if (counters) {
            options.add(Endpoint.RestoreOption.COUNTERS);
        }
        return ep.restore(bin(family, ToolKind.RESTORE), lockWaitSeconds, options, input,
                ep.timeout().plusSeconds(lockWaitSeconds));
    }

    /** A legacy table exists only when the names file lists it; an nft one is checked by the command itself. */
    private boolean tableExists(Family family, String table) {
        if (backend(family) != Backend.LEGACY) {
            return true;
        }
        return LegacyTables.of(family, ep.run(ep.legacyNames(family))).has(table);
    }

    private CommandResult write(Family family, String table, List<String> op, List<String> rule) {
        List<String> args = new ArrayList<>(op);
        args.addAll(rule);
        return ep.runner().run(ep.iptables(bin(family, ToolKind.BASE), lockWaitSeconds, table, args));
    }

    private BinaryInfo bin(Family family, ToolKind kind) {
        Backend b = backend(family);
        return ep.binary(b, family, kind).orElseThrow(() -> new IptablesException(Endpoint.missing(b, family, kind),
                null));
    }
}
