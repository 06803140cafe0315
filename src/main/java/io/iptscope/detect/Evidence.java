package io.iptscope.detect;

import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
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
}
