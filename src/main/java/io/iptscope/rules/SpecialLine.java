package io.iptscope.rules;

/**
 * A line that tells an operator something is off with the dump: parts of nftables iptables cannot show,
 * extensions it could not print, or legacy tables hidden next to nft ones.
 *
 * @param table the table the line is about or appeared in; null when unknown
 */
public record SpecialLine(int line, Kind kind, String table, String text) {

    public enum Kind {
        /** {@code # Table `x' is incompatible, use 'nft' tool.}: the table was skipped. */
        INCOMPATIBLE_TABLE,
        /** {@code # Table `x' contains incompatible base-chains, use 'nft' tool to list them.} */
        INCOMPATIBLE_BASE_CHAINS,
        /** A rule printed with {@code [unsupported revision]}: it cannot be restored as shown. */
        UNSUPPORTED_REVISION,
        /** {@code # Warning: iptables-legacy tables present, use iptables-legacy-save to see them} */
        LEGACY_TABLES_WARNING,
        /** {@code Can't find library for target 'X'} (or match): the save failed. */
        CANT_FIND_LIBRARY
    }
}
