package io.iptscope.detect;

import io.iptscope.discover.BinaryInventory;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything read from the target netns, without changing anything in it.
 *
 * @param ipv6Disabled {@code net.ipv6.conf.all.disable_ipv6} of the netns; null when unreadable or absent
 */
public record Evidence(List<FamilyEvidence> families, NftTablesEvidence nftTables, Boolean ipv6Disabled) {

    public Evidence {
        families = List.copyOf(families);
    }

    public FamilyEvidence family(Family family) {
        return families.stream().filter(f -> f.family() == family).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no evidence for " + family));
    }

    public BackendEvidence of(Backend backend, Family family) {
        return family(family).of(backend);
    }

    /**
     * This evidence as a component running {@code source}'s binaries would see it: a backend whose save binary
     * the source lacks holds nothing it can read. The kernel's table names stay, they come from /proc.
     */
    public Evidence seenBy(BinaryInventory source) {
        List<FamilyEvidence> out = new ArrayList<>();
        for (FamilyEvidence fe : families) {
            out.add(new FamilyEvidence(fe.family(), seen(fe.legacy(), source), seen(fe.nft(), source)));
        }
        return new Evidence(out, nftTables, ipv6Disabled);
    }

    private static BackendEvidence seen(BackendEvidence e, BinaryInventory source) {
        if (source.saveBinaryFor(e.backend(), e.family()).isPresent() || !e.readable() || e.binary() == null) {
            return e;
        }
        return new BackendEvidence(e.backend(), e.family(), ReadStatus.MISSING_BINARY, null,
                e.family().toolPrefix() + "-" + e.backend().id() + "-save is not in the binary source "
                        + source.source() + " (the host's tools read " + Verdicts.rules(e.ruleCount()) + " there)",
                e.kernelTables(), e.kernelTablesFile(), List.of(), List.of(), false, 0, null);
    }
}
