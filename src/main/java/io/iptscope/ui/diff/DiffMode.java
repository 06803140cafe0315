package io.iptscope.ui.diff;

/** What the diff view compares. */
public enum DiffMode {
    LEGACY_VS_NFT("legacy vs nft (live, one family)"),
    IPV4_VS_IPV6("IPv4 vs IPv6 (live, one backend)"),
    SNAPSHOT_VS_LIVE("snapshot vs live"),
    FILE_VS_FILE("file vs file");

    private final String label;

    DiffMode(String label) {
        this.label = label;
    }

    public boolean live() {
        return this != FILE_VS_FILE;
    }

    @Override
    public String toString() {
        return label;
    }
}
