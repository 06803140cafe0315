package io.iptscope.detect;

import io.iptscope.discover.BinaryInfo;
import io.iptscope.discover.BinaryInventory;
import io.iptscope.discover.Tool;
import io.iptscope.discover.ToolKind;
import io.iptscope.discover.Variant;
import io.iptscope.discover.Version;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The binary source's {@code nft} and {@code iptables-nft} against the host's. nftables records no writer version
 * in the ruleset (nft's JSON {@code metainfo} is the reader's), so the host's tools, which read the netns, stand in
 * for the writer. An older nft misparses or crashes on sets written by nft 1.1.3+ (kubernetes#136786, #137501);
 * an older iptables-nft misreads rules of a newer one (weave#3968).
 */
final class NftSkew {

    /** The first nft whose set encoding older builds crash on (kubernetes#136786). */
    static final Version SETS_SAFE = Version.of(1, 1, 3);

    private NftSkew() {
    }

    static List<Finding> findings(BinaryInventory source, BinaryInventory host, Evidence truth) {
        List<Finding> out = new ArrayList<>();
        int sets = truth.nftTables().nativeTables().stream().filter(t -> t.content() != null)
                .mapToInt(t -> t.content().sets()).sum();
        nft(source.get(Tool.NFT), host.get(Tool.NFT), sets).ifPresent(out::add);
        Set<String> seen = new LinkedHashSet<>();
        for (Family f : Family.values()) {
            BinaryInfo s = source.get(f, Variant.NFT, ToolKind.BASE);
            if (seen.add(s.resolved() + s.version())) {
                iptablesNft(s, host.get(f, Variant.NFT, ToolKind.BASE), truth.of(Backend.NFT, f)).ifPresent(out::add);
            }
        }
        return out;
    }

    private static Optional<Finding> nft(BinaryInfo s, BinaryInfo h, int sets) {
        Optional<Version> sv = s.parsedVersion();
        if (!s.found() || sv.isEmpty() || sameBinary(s, h)) {
            return Optional.empty();
        }
        Optional<Version> hv = h.found() ? h.parsedVersion() : Optional.empty();
        boolean older = hv.isPresent() && sv.get().compareTo(hv.get()) < 0;
        boolean oldForSets = sets > 0 && sv.get().compareTo(SETS_SAFE) < 0;
        if (!older && !oldForSets) {
            return Optional.empty();
        }
        String against = hv.map(v -> "the host's nft " + v + " (" + h.resolved() + ") that reads this netns")
                .orElse("the host's nft (version unknown)");
        String setsText = sets == 0 ? "no sets or maps" : sets + " set(s)/map(s)";
        Severity severity = older && sets > 0 ? Severity.ERROR : Severity.WARNING;
        String message = "the binary source's nft is " + sv.get() + " (" + s.resolved() + "), "
                + (older ? "older than " + against : "older than " + SETS_SAFE + " while this ruleset holds "
                + setsText) + (older ? "; the ruleset holds " + setsText : "")
                + ". nftables records no writer version, so the host's nft stands in for the writer";
        String impact = sets > 0
                ? "an nft older than the ruleset's writer misparses or segfaults on sets written by a newer nft "
                        + "(1.1.3+ encodings; kubernetes#136786): listing, flushing or a kube-proxy/Calico resync "
                        + "from this image fails"
                : "an nft older than the writer may not parse newer expressions (kubernetes#136786); no sets here yet";
        String action = "run an nft at least as new as " + hv.map(Version::toString).orElse(SETS_SAFE.toString())
                + " in this binary source (upgrade the image's nftables package), or read the netns with the host's "
                + "nft via nsenter";
        return Optional.of(new Finding("nft-version-skew", severity, null, message, impact, action));
    }

    private static Optional<Finding> iptablesNft(BinaryInfo s, BinaryInfo h, BackendEvidence nft) {
        Optional<Version> sv = s.parsedVersion();
        Optional<Version> hv = h.parsedVersion();
        if (!s.found() || !h.found() || sv.isEmpty() || hv.isEmpty() || sameBinary(s, h)
                || sv.get().compareTo(hv.get()) >= 0) {
            return Optional.empty();
        }
        boolean rules = nft.readable() && nft.ruleCount() > 0;
        return Optional.of(new Finding("iptables-nft-version-skew", rules ? Severity.WARNING : Severity.INFO,
                s.family(), s.name() + " of the binary source is " + sv.get() + " (" + s.resolved()
                        + "), older than the host's " + hv.get() + " (" + h.resolved() + ")",
                "an older iptables-nft may misread rules written by a newer one (weave#3968: 1.8.3 against 1.8.8) "
                        + "and rewrite them wrongly on -save/-restore"
                        + (rules ? "" : "; the nft backend holds no rules of this family yet"),
                "use iptables-nft " + hv.get() + " or later in this binary source"));
    }

    /** The same file read the same version: no skew to report. */
    private static boolean sameBinary(BinaryInfo s, BinaryInfo h) {
        return h.found() && s.resolved() != null && s.resolved().equals(h.resolved())
                && java.util.Objects.equals(s.version(), h.version());
    }
}
