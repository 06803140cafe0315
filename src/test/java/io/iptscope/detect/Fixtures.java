package io.iptscope.detect;

import io.iptscope.discover.BinaryInfo;
import io.iptscope.discover.BinaryInventory;
import io.iptscope.discover.Mode;
import io.iptscope.discover.Tool;
import io.iptscope.discover.Variant;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Hand-made observations for strategy and finding tests. */
final class Fixtures {

    private Fixtures() {
    }

    /** All 21 binaries in /usr/sbin, version {@code version}, the plain names pointing at {@code plain}. */
    static Bins bins(Backend plain, String version) {
        return new Bins(plain, version);
    }

    static Ev evidence() {
        return new Ev();
    }

    static final class Bins {
        private final Backend plain;
        private final String version;
        private final Set<String> missing = new HashSet<>();
        private final Map<String, String> versions = new LinkedHashMap<>();

        private Bins(Backend plain, String version) {
            this.plain = plain;
            this.version = version;
        }

        Bins without(String... names) {
            missing.addAll(List.of(names));
            return this;
        }

        /** Removes every name of a variant (e.g. all -legacy binaries of both families). */
        Bins withoutVariant(Variant v) {
            Tool.ALL.stream().filter(t -> t.variant() == v && t.isIptables()).forEach(t -> missing.add(t.name()));
            return this;
        }

        Bins version(String name, String v) {
            versions.put(name, v);
            return this;
        }

        BinaryInventory build() {
            List<BinaryInfo> infos = new ArrayList<>();
            for (Tool t : Tool.ALL) {
                if (missing.contains(t.name())) {
                    infos.add(BinaryInfo.missing(t));
                    continue;
                }
                Mode mode = t.equals(Tool.NFT) ? Mode.NF_TABLES
                        : t.variant() == Variant.LEGACY ? Mode.LEGACY
                        : t.variant() == Variant.NFT ? Mode.NF_TABLES
                        : plain == Backend.NFT ? Mode.NF_TABLES : Mode.LEGACY;
                String v = versions.getOrDefault(t.name(), t.equals(Tool.NFT) ? "1.0.6" : version);
                infos.add(new BinaryInfo(t.name(), t.family(), t.variant(), t.kind(), "/usr/sbin/" + t.name(),
                        List.of(), "/usr/sbin/" + t.name(), v, mode, t.name() + " v" + v, null));
            }
            return new BinaryInventory("PATH", List.of("/usr/sbin"), infos, List.of(), null);
        }
    }

    static final class Ev {
        private final Map<Backend, Map<Family, Map<String, TableSpec>>> tables = new EnumMap<>(Backend.class);
        private final Map<Backend, Map<Family, ReadStatus>> status = new EnumMap<>(Backend.class);
        private final Map<Family, List<String>> emptyLegacyTables = new EnumMap<>(Family.class);
        private final Set<Family> noLegacyFile = new HashSet<>();
        private final List<NftTablesEvidence.NftTable> nftTables = new ArrayList<>();
        private final Map<Backend, Map<Family, List<Special>>> specials = new EnumMap<>(Backend.class);
        private boolean legacyWarning;
        private Boolean ipv6Disabled = false;

        private static final class TableSpec {
            int rules;
            final List<String> markers = new ArrayList<>();
            final Map<String, Integer> ownerRules = new LinkedHashMap<>();
        }

        Ev rules(Backend b, Family f, int n) {
            return rules(b, f, "filter", n);
        }

        Ev rules(Backend b, Family f, String table, int n) {
            table(b, f, table).rules += n;
            return this;
        }

        Ev owned(Backend b, Family f, String owner, int n) {
            TableSpec t = table(b, f, "nat");
            t.rules += n;
            t.ownerRules.merge(owner, n, Integer::sum);
            return this;
        }

        Ev marker(Backend b, Family f, String table, String chain) {
            table(b, f, table).markers.add(chain);
            return this;
        }

        Ev hint(Backend b, Family f) {
            return marker(b, f, "mangle", Markers.KUBE_IPTABLES_HINT);
        }

        Ev status(Backend b, Family f, ReadStatus s) {
            status.computeIfAbsent(b, k -> new EnumMap<>(Family.class)).put(f, s);
            return this;
        }

        /** Legacy tables that exist in the kernel but hold nothing (e.g. made by a probe). */
        Ev emptyLegacy(Family f, String... names) {
            emptyLegacyTables.put(f, List.of(names));
            for (String n : names) {
                table(Backend.LEGACY, f, n);
            }
            return this;
        }

        Ev noLegacyProcFile(Family f) {
            noLegacyFile.add(f);
            return this;
        }

        Ev legacyWarning() {
            legacyWarning = true;
            return this;
        }

        Ev ipv6Disabled() {
            ipv6Disabled = true;
            return this;
        }

        Ev nativeTable(String family, String name, String policy) {
            nftTables.add(new NftTablesEvidence.NftTable(family, name, "native",
                    List.of(new NftTablesEvidence.NftBaseChain("input", "filter", "input", 0, policy))));
            return this;
        }

        Ev special(Backend b, Family f, String kind, String text) {
            specials.computeIfAbsent(b, k -> new EnumMap<>(Family.class)).computeIfAbsent(f, k -> new ArrayList<>())
                    .add(new Special(kind, null, text, "stdout"));
            return this;
        }

        private TableSpec table(Backend b, Family f, String name) {
            return tables.computeIfAbsent(b, k -> new EnumMap<>(Family.class))
                    .computeIfAbsent(f, k -> new LinkedHashMap<>()).computeIfAbsent(name, k -> new TableSpec());
        }

        Evidence build() {
            List<FamilyEvidence> fams = new ArrayList<>();
            for (Family f : Family.values()) {
                fams.add(new FamilyEvidence(f, backend(Backend.LEGACY, f), backend(Backend.NFT, f)));
            }
            return new Evidence(fams, new NftTablesEvidence(ReadStatus.OK, null, nftTables), ipv6Disabled);
        }

        private BackendEvidence backend(Backend b, Family f) {
            ReadStatus s = status.getOrDefault(b, Map.of()).getOrDefault(f, ReadStatus.OK);
            Map<String, TableSpec> specs = tables.getOrDefault(b, Map.of()).getOrDefault(f, Map.of());
            List<TableEvidence> tes = new ArrayList<>();
            int lines = specs.isEmpty() ? 0 : 2;
            for (Map.Entry<String, TableSpec> e : specs.entrySet()) {
                TableSpec t = e.getValue();
                List<TableEvidence.OwnerCount> owners = new ArrayList<>();
                t.ownerRules.forEach((o, n) -> owners.add(new TableEvidence.OwnerCount(o, 1, n)));
                int chains = 3 + t.markers.size();
                tes.add(new TableEvidence(e.getKey(), chains, t.markers.size(), t.rules, t.markers,
                        t.markers.stream().anyMatch(Markers.KUBELET_HINTS::contains),
                        List.of(new TableEvidence.ChainSummary("INPUT", "ACCEPT", t.rules)), owners));
                lines += 2 + chains + t.rules;
            }
            List<Special> sp = specials.getOrDefault(b, Map.of()).getOrDefault(f, List.of());
            if (s != ReadStatus.OK) {
                return new BackendEvidence(b, f, s, null, "simulated " + s.id(), null, null, List.of(), sp, false, 0,
                        null);
            }
            if (b == Backend.LEGACY) {
                boolean file = !noLegacyFile.contains(f);
                List<String> kernel = tes.stream().map(TableEvidence::name).toList();
                return new BackendEvidence(b, f, s, tes.isEmpty() ? null : "/usr/sbin/iptables-legacy-save", null,
                        kernel, file, tes, sp, false, lines, null);
            }
            return new BackendEvidence(b, f, s, "/usr/sbin/" + f.toolPrefix() + "-nft-save", null, null, null, tes, sp,
                    legacyWarning && f == Family.IPV4, lines, null);
        }
    }

    static Observation obs(Bins bins, Ev ev) {
        return new Observation(bins.build(), ev.build());
    }
}
