package io.iptscope.cli;

import io.iptscope.rules.Family;
import java.util.List;

/** {@code --family ipv4|ipv6|both}. */
enum FamilyChoice {
    IPV4, IPV6, BOTH;

    List<Family> families() {
        return switch (this) {
            case IPV4 -> List.of(Family.IPV4);
            case IPV6 -> List.of(Family.IPV6);
            case BOTH -> List.of(Family.IPV4, Family.IPV6);
        };
    }
}
