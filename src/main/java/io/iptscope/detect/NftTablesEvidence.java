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
    public record NftTable(String family, String name, String managedBy, List<NftBaseChain> baseChains,
                           NftTableContent content) {
        public NftTable {
            baseChains = List.copyOf(baseChains);
        }

        public NftTable(String family, String name, String managedBy, List<NftBaseChain> baseChains) {
            this(family, name, managedBy, baseChains, null);
        }

        public NftTable withContent(NftTableContent c) {
            return new NftTable(family, name, managedBy, baseChains, c);
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

    /**
     * What {@code nft -j list table} shows of a native table, read only when needed for owners and the pipeline.
     *
     * @param status  how the read ended; anything but ok leaves the rest empty
     * @param comment the table's comment, or null
     * @param sets    sets and maps in the table (what older nft builds crash on, kubernetes#136786)
     */
    public record NftTableContent(ReadStatus status, String detail, String comment, List<NftChain> chains, int sets) {
        public NftTableContent {
            chains = List.copyOf(chains);
        }

        public java.util.Optional<NftChain> chain(String name) {
            return chains.stream().filter(c -> c.name().equals(name)).findFirst();
        }
    }

    /**
     * One chain of a native table.
     *
     * @param hook      the hook of a base chain, null for a regular chain
     * @param endsWith  {@code drop} or {@code reject} when the last rule is a catch-all with that verdict, else null
     * @param comments  the comments of the chain and its rules
     * @param accepts   the chain has at least one rule whose verdict is accept
     * @param interfaces for a blocking base chain, its verdict on each interface its table names; empty in a
     *                   report written before they were read
     */
    public record NftChain(String name, String hook, Integer priority, String policy, int rules, String endsWith,
                           List<String> comments, boolean accepts, List<InterfaceVerdict> interfaces) {
        public NftChain {
            comments = List.copyOf(comments);
            interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
        }
    }

    public List<NftTable> nativeTables() {
        return tables.stream().filter(NftTable::isNative).toList();
    }
}
