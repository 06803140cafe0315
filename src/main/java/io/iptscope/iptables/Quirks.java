package io.iptscope.iptables;

import io.iptscope.discover.BinaryInfo;
import io.iptscope.discover.ToolKind;
import io.iptscope.discover.Version;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;

/**
 * Every version-dependent flag and every magic number of the iptables tools, each with the version
 * that introduced it and where that is documented. {@link Flags} applies them to one binary, once.
 */
public final class Quirks {

    /** {@code iptables -w} (wait for the xtables lock): iptables 1.4.20; Kubernetes' and Cilium's runners key on it. */
    public static final Version WAIT_FLAG = Version.of(1, 4, 20);
    /** {@code -w SECONDS} (a bounded wait instead of forever): iptables 1.4.22, as Kubernetes' runner uses it. */
    public static final Version WAIT_SECONDS = Version.of(1, 4, 22);
    /** {@code iptables-restore -w SECONDS}: iptables 1.6.2, the first restore with a lock wait (Kubernetes, Istio). */
    public static final Version RESTORE_WAIT = Version.of(1, 6, 2);
    /**
     * Before 1.8.6 {@code iptables-nft-save} created the tables and base chains it listed (iptables
     * commit fd4b9bf0 "nft: Avoid pointless table/chain creation", July 2020).
     */
    public static final Version NFT_SAVE_PASSIVE_SINCE = Version.of(1, 8, 6);
    /** Exit status of {@code -N} for an existing chain and of {@code -C} for no match (xtables.h OTHER_PROBLEM). */
    public static final int EXIT_OTHER_PROBLEM = 1;
    /**
     * Exit status when the xtables lock could not be taken within {@code -w} (xtables.h RESOURCE_PROBLEM);
     * stderr then says "Another app is currently holding the xtables lock".
     */
    public static final int EXIT_RESOURCE_PROBLEM = 4;
    /** What iptables prints when it gave up on the lock; with {@link #EXIT_RESOURCE_PROBLEM} it means "busy". */
    public static final String LOCK_HELD_MESSAGE = "xtables lock";
    /** The lock every legacy writer takes (xshared.c XT_LOCK_NAME); nft needs none. */
    public static final String XTABLES_LOCK = "/run/xtables.lock";

    private Quirks() {
    }

    /** The legacy kernel's list of tables in a netns: the only read-only way to learn whether one exists. */
    public static String legacyNamesFile(Family family) {
        return family == Family.IPV4 ? "/proc/net/ip_tables_names" : "/proc/net/ip6_tables_names";
    }

    /** True for a failure that means "another program holds the xtables lock". */
    public static boolean lockHeld(io.iptscope.exec.CommandResult r) {
        return r.exitCode() == EXIT_RESOURCE_PROBLEM && r.stderrText().contains(LOCK_HELD_MESSAGE);
    }

    /**
     * What one binary supports, computed from its version once.
     *
     * @param waitFlag      takes {@code -w}
     * @param waitSeconds   takes {@code -w SECONDS}
     * @param saveMayCreate a save that creates what it lists (nft before {@link #NFT_SAVE_PASSIVE_SINCE})
     */
    public record Flags(boolean waitFlag, boolean waitSeconds, boolean saveMayCreate) {

        static Flags of(BinaryInfo bin, Backend backend) {
            Version v = bin.parsedVersion().orElse(null);
            boolean legacy = backend == Backend.LEGACY;
            if (bin.kind() == ToolKind.RESTORE) {
                boolean w = legacy && v != null && v.compareTo(RESTORE_WAIT) >= 0;
                return new Flags(w, w, false);
            }
            if (bin.kind() == ToolKind.SAVE) {
                return new Flags(false, false, !legacy && v != null && v.compareTo(NFT_SAVE_PASSIVE_SINCE) < 0);
            }
            boolean w = legacy && v != null && v.compareTo(WAIT_FLAG) >= 0;
            return new Flags(w, w && v.compareTo(WAIT_SECONDS) >= 0, false);
        }
    }
}
