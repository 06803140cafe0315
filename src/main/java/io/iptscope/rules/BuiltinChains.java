package io.iptscope.rules;

import java.util.Set;

/** The hook chains each iptables table has without declaring them (same for IPv4 and IPv6). */
public final class BuiltinChains {

    private static final Set<String> ALL = Set.of("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING");

    private BuiltinChains() {
    }

    public static Set<String> of(String table) {
        return switch (table) {
            case "filter", "security" -> Set.of("INPUT", "FORWARD", "OUTPUT");
            case "nat" -> Set.of("PREROUTING", "INPUT", "OUTPUT", "POSTROUTING");
            case "raw" -> Set.of("PREROUTING", "OUTPUT");
            // mangle has all five; for tables iptables does not know, any hook name may be builtin.
            default -> ALL;
        };
    }

    public static boolean isBuiltin(String table, String chain) {
        return of(table).contains(chain);
    }
}
