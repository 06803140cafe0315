package io.iptscope.ui.detection;

import io.iptscope.detect.NftTablesEvidence;
import java.util.stream.Collectors;

/** An nftables table of the netns and who manages it (iptables-nft or native nft). */
public record NftTableRow(String family, String name, String managedBy, String baseChains) {

    static NftTableRow of(NftTablesEvidence.NftTable t) {
        String chains = t.baseChains().stream()
                .map(c -> c.name() + " (" + c.hook() + ", policy " + c.policy() + ")")
                .collect(Collectors.joining(", "));
        return new NftTableRow(t.family(), t.name(), t.managedBy(), chains.isEmpty() ? "no base chains" : chains);
    }
}
