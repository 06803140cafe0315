package io.iptscope.detect;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * Every nftables table of the netns that holds a chain, from one {@code nft -j list chains} (in nft 1.0.6
 * {@code list tables} costs as much as listing the whole ruleset); a table without chains is not seen.
 */
public record NftTablesEvidence(ReadStatus status, String detail, List<NftTable> tables) {

    public NftTablesEvidence {
        tables = List.copyOf(tables);
    }

    /**
     * @param managedBy {@code iptables-nft}, {@code ebtables-nft}, {@code arptables-nft} or {@code native}
     */
    public record NftTable(String family, String name, String managedBy, List<NftBaseChain> baseChains) {
        public NftTable {
            baseChains = List.copyOf(baseChains);
        }

        @JsonIgnore
        public boolean isNative() {
            return "native".equals(managedBy);
        }

        public boolean dropsByPolicy() {
            return baseChains.stream().anyMatch(c -> "drop".equals(c.policy()));
        }

        public String qualifiedName() {
            return family + " " + name;
        }
    }

    public record NftBaseChain(String name, String type, String hook, int priority, String policy) {
    }

    public List<NftTable> nativeTables() {
        return tables.stream().filter(NftTable::isNative).toList();
    }
}
