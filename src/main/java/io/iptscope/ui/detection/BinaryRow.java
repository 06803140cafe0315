package io.iptscope.ui.detection;

import io.iptscope.discover.BinaryInfo;
import io.iptscope.discover.BinaryInventory;
import io.iptscope.discover.Mode;
import io.iptscope.discover.ToolKind;
import io.iptscope.discover.Variant;
import io.iptscope.rules.Family;

/**
 * A row of the binary matrix: {@code iptables}/{@code ip6tables} x plain/legacy/nft.
 *
 * @param pointsAt for the plain names, the backend they talk to (the system default); else the variant's own
 */
public record BinaryRow(Family family, Variant variant, String name, BinaryCell base, BinaryCell save,
                        BinaryCell restore, String pointsAt) {

    static BinaryRow of(BinaryInventory inv, Family f, Variant v) {
        BinaryInfo base = inv.get(f, v, ToolKind.BASE);
        String pointsAt;
        if (!base.found()) {
            pointsAt = "—";
        } else if (base.mode() == Mode.UNKNOWN) {
            pointsAt = v == Variant.PLAIN ? "unknown backend" : v.id();
        } else {
            String backend = base.mode().backend().map(b -> b.id()).orElse("?");
            pointsAt = v == Variant.PLAIN ? "→ " + backend + " (system default)" : backend;
        }
        return new BinaryRow(f, v, base.name(), BinaryCell.of(base), BinaryCell.of(inv.get(f, v, ToolKind.SAVE)),
                BinaryCell.of(inv.get(f, v, ToolKind.RESTORE)), pointsAt);
    }
}
