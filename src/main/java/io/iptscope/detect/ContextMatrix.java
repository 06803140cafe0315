package io.iptscope.detect;

import io.iptscope.discover.BinaryInfo;
import io.iptscope.discover.BinaryInventory;
import io.iptscope.discover.BinarySource;
import io.iptscope.discover.ToolKind;
import io.iptscope.discover.Variant;
import io.iptscope.discover.Version;
import io.iptscope.exec.CommandRunner;
import io.iptscope.exec.NetnsTarget;
import io.iptscope.iptables.Discovery;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a strategy would pick for every combination of binary source (host PATH, each container)
 * and network namespace (host, each pod), against where the rules really are. A component that
 * runs iptables from a container against a pod's netns is one cell.
 *
 * @param rows    binary sources, in order
 * @param columns netns targets, by spec
 */
public record ContextMatrix(StrategyId strategy, List<String> rows, List<String> columns, List<Cell> cells,
                            List<Finding> findings) {

    public ContextMatrix {
        rows = List.copyOf(rows);
        columns = List.copyOf(columns);
        cells = List.copyOf(cells);
        findings = List.copyOf(findings);
    }

    /**
     * @param actual the backend that really holds the family's rules ({@code none} when neither does)
     * @param agrees the choice writes where the rules are (any choice agrees when no rule exists yet)
     */
    public record Cell(String row, String column, Family family, VerdictBackend chosen, VerdictBackend actual,
                       boolean agrees, String binary, Basis basis) {
    }

    public Optional<Cell> cell(String row, String column, Family family) {
        return cells.stream().filter(c -> c.row.equals(row) && c.column.equals(column) && c.family == family).findFirst();
    }

    /**
     * @param truthSource the source whose reads decide where the rules are: the most complete one (the host's PATH)
     */
    public static ContextMatrix build(CommandRunner runner, Duration timeout, Strategy strategy, BinarySource truthSource,
                                      List<BinarySource> sources, List<NetnsTarget> targets) {
        Discovery discovery = new Discovery(runner, timeout);
        List<BinaryInventory> inventories = sources.stream().map(discovery::discover).toList();
        // The truth source is usually a row too: discover and read it once.
        int truthRow = sources.indexOf(truthSource);
        BinaryInventory truthBins = truthRow >= 0 ? inventories.get(truthRow) : discovery.discover(truthSource);
        List<Cell> cells = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (NetnsTarget t : targets) {
            Evidence truthEvidence = new EvidenceCollector(runner, t, truthBins, timeout).collect();
            for (BinaryInventory inv : inventories) {
                Evidence ev = inv == truthBins ? truthEvidence : new EvidenceCollector(runner, t, inv, timeout).collect();
                Observation obs = new Observation(inv, ev);
                for (Family f : Family.values()) {
                    VerdictBackend actual = actual(truthEvidence, f);
                    Verdict v = strategy.decide(obs, f);
                    boolean agrees = actual == VerdictBackend.NONE || v.backend() == actual;
                    cells.add(new Cell(inv.source(), t.spec(), f, v.backend(), actual, agrees,
                            v.binary() == null ? null : v.binary().name(), v.basis()));
                    if (!agrees) {
                        findings.add(new Finding("context-disagrees", Severity.ERROR, f, "binaries from " + inv.source()
                                + " in " + t.spec() + " would choose " + v.backend().id() + " (" + strategy.id()
                                + ") but the " + f.id() + " rules are in " + actual.id(),
                                "a component running iptables from there writes a second ruleset into the other backend, "
                                        + "which both run in the kernel",
                                "ship the " + actual.id() + " binaries in that image or use a wrapper that reads the "
                                        + "hint chains; the reasons: iptscope detect --strategy " + strategy.id()
                                        + " with that binary source" + targetOptions(t)));
                    }
                }
            }
            for (BinaryInventory inv : inventories) {
                skew(truthBins, inv).ifPresent(findings::add);
            }
        }
        return new ContextMatrix(strategy.id(), inventories.stream().map(BinaryInventory::source).toList(),
                targets.stream().map(NetnsTarget::spec).toList(), cells, findings.stream().distinct().toList());
    }

    /** The backend holding the family's rules; with rules in both, the one iptscope recommends. */
    static VerdictBackend actual(Evidence ev, Family f) {
        BackendEvidence legacy = ev.of(Backend.LEGACY, f);
        BackendEvidence nft = ev.of(Backend.NFT, f);
        if (legacy.hasRules() && !nft.hasRules()) {
            return VerdictBackend.LEGACY;
        }
        if (nft.hasRules() && !legacy.hasRules()) {
            return VerdictBackend.NFT;
        }
        if (!nft.hasRules()) {
            return VerdictBackend.NONE;
        }
        return legacy.ruleCount() > nft.ruleCount() ? VerdictBackend.LEGACY : VerdictBackend.NFT;
    }

    /** An iptables-nft older than the host's may read rules back wrongly and rewrite them (kubernetes#112477). */
    static Optional<Finding> skew(BinaryInventory host, BinaryInventory other) {
        Optional<Version> hostV = nftVersion(host);
        Optional<Version> otherV = nftVersion(other);
        if (hostV.isEmpty() || otherV.isEmpty() || otherV.get().compareTo(hostV.get()) >= 0) {
            return Optional.empty();
        }
        return Optional.of(new Finding("version-skew", Severity.WARNING, null, "iptables-nft in " + other.source()
                + " is " + otherV.get() + ", older than the host's " + hostV.get(),
                "an older iptables-nft can read rules written by a newer one back wrongly (a lost mark match turned "
                        + "a DROP into drop-everything in kubernetes#112477) and write them back so",
                "use an iptables at least as new as the host's in that image"));
    }

    private static Optional<Version> nftVersion(BinaryInventory inv) {
        BinaryInfo b = inv.get(Family.IPV4, Variant.NFT, ToolKind.BASE);
        return b.found() ? b.parsedVersion() : Optional.empty();
    }

    /** The detect options that select {@code t}. */
    private static String targetOptions(NetnsTarget t) {
        if (t instanceof NetnsTarget.Named n) {
            return " --netns " + n.name();
        }
        if (t instanceof NetnsTarget.OfPid p) {
            return " --pid " + p.pid();
        }
        return t instanceof NetnsTarget.AtPath p ? " --netns-path " + p.path() : "";
    }
}
