package io.iptscope.discover;

import io.iptscope.rules.Family;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A binary name iptscope looks for: one of the 18 iptables names ({@code iptables}/{@code ip6tables}
 * x plain/legacy/nft x base/save/restore) or one of the multi-call binaries and {@code nft}.
 */
public record Tool(String name, Family family, Variant variant, ToolKind kind) {

    public static final Tool XTABLES_LEGACY_MULTI = new Tool("xtables-legacy-multi", null, Variant.LEGACY, null);
    public static final Tool XTABLES_NFT_MULTI = new Tool("xtables-nft-multi", null, Variant.NFT, null);
    public static final Tool NFT = new Tool("nft", null, null, null);

    /** All 21 names, the iptables ones first in family, variant, kind order. */
    public static final List<Tool> ALL = all();

    public static Tool of(Family family, Variant variant, ToolKind kind) {
        return new Tool(family.toolPrefix() + variant.suffix() + kind.suffix(), family, variant, kind);
    }

    public boolean isIptables() {
        return family != null;
    }

    public Optional<Family> familyOpt() {
        return Optional.ofNullable(family);
    }

    public static Optional<Tool> byName(String name) {
        return ALL.stream().filter(t -> t.name.equals(name)).findFirst();
    }

    private static List<Tool> all() {
        List<Tool> tools = new ArrayList<>();
        for (Family f : Family.values()) {
            for (Variant v : Variant.values()) {
                for (ToolKind k : ToolKind.values()) {
                    tools.add(of(f, v, k));
                }
            }
        }
        tools.add(XTABLES_LEGACY_MULTI);
        tools.add(XTABLES_NFT_MULTI);
        tools.add(NFT);
        return List.copyOf(tools);
    }
}
