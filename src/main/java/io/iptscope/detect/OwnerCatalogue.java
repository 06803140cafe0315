package io.iptscope.detect;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.iptscope.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Who writes which netfilter objects, from the one data file {@code owners.json}; each entry names the public
 * source it comes from. Exact names win over prefixes, longer prefixes over shorter ones ({@code KUBE-ROUTER-}
 * over {@code KUBE-}).
 */
public final class OwnerCatalogue {

    /**
     * One writer.
     *
     * @param modes           evidence of a mode: chain patterns, or {@code table:family name} patterns
     * @param staleWhenNative once its native table exists, its iptables chains are leftovers (except keepWhenNative)
     * @param accepts         hooks on which it accepts or forwards the traffic it manages
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Owner(String id, String source, List<String> chains, List<String> comments, List<String> interfaces,
                        List<String> nftTables, Map<String, List<String>> modes, boolean staleWhenNative,
                        List<String> keepWhenNative, List<String> accepts, String cleanup) {
        public Owner {
            chains = chains == null ? List.of() : List.copyOf(chains);
            comments = comments == null ? List.of() : List.copyOf(comments);
            interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
            nftTables = nftTables == null ? List.of() : List.copyOf(nftTables);
            // By name: the first mode with a matching pattern is the one (modeOf), no comparing names per chain.
            modes = modes == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(modes));
            keepWhenNative = keepWhenNative == null ? List.of() : List.copyOf(keepWhenNative);
            accepts = accepts == null ? List.of() : List.copyOf(accepts);
        }

        public boolean acceptsOn(String hook) {
            return accepts.contains(hook);
        }

        /** The mode a chain of this owner proves, if any. */
        public Optional<String> modeOfChain(String chain) {
            return modeOf(chain);
        }

        public Optional<String> modeOfTable(String family, String name) {
            return modeOf("table:" + family + " " + name);
        }

        /** The first mode, by name, with a pattern that matches; loops, not streams: called once per chain. */
        private Optional<String> modeOf(String value) {
            for (Map.Entry<String, List<String>> e : modes.entrySet()) {
                for (String p : e.getValue()) {
                    if (matches(p, value)) {
                        return Optional.of(e.getKey());
                    }
                }
            }
            return Optional.empty();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Data(List<Owner> owners) {
    }

    private static final OwnerCatalogue DEFAULT = load();

    private final List<Owner> owners;
    private final Map<String, Owner> byId;
    private final Index chains;
    private final Index interfaces;
    private final Index tables;

    private OwnerCatalogue(List<Owner> owners) {
        this.owners = List.copyOf(owners);
        Map<String, Owner> ids = new java.util.HashMap<>();
        this.owners.forEach(o -> ids.putIfAbsent(o.id(), o));
        this.byId = Map.copyOf(ids);
        this.chains = Index.of(this.owners, Owner::chains);
        this.interfaces = Index.of(this.owners, Owner::interfaces);
        this.tables = Index.of(this.owners, Owner::nftTables);
    }

    /**
     * Name and prefix patterns ({@code KUBE-SVC-*}) laid out for lookup, with {@link #best}'s ranking: an exact
     * match, else the longest prefix, the earlier owner on a tie. Asked for every chain of a save (36k at 100k
     * kube-proxy rules), where trying every pattern in turn was a tenth of a detection.
     */
    private record Index(Map<String, Owner> exact, List<Map.Entry<String, Owner>> prefixes) {

        static Index of(List<Owner> owners, java.util.function.Function<Owner, List<String>> patterns) {
            Map<String, Owner> exact = new java.util.HashMap<>();
            List<Map.Entry<String, Owner>> prefixes = new java.util.ArrayList<>();
            for (Owner o : owners) {
                for (String p : patterns.apply(o)) {
                    if (p.endsWith("*")) {
                        prefixes.add(Map.entry(p.substring(0, p.length() - 1), o));
                    } else {
                        exact.putIfAbsent(p, o);
                    }
                }
            }
            // Stable: among prefixes of one length the earlier owner stays first.
            prefixes.sort(java.util.Comparator.comparingInt((Map.Entry<String, Owner> e) -> e.getKey().length())
                    .reversed());
            return new Index(Map.copyOf(exact), List.copyOf(prefixes));
        }

        Optional<Owner> find(String value) {
            Owner o = exact.get(value);
            if (o != null) {
                return Optional.of(o);
            }
            for (Map.Entry<String, Owner> e : prefixes) {
                if (value.startsWith(e.getKey())) {
                    return Optional.of(e.getValue());
                }
            }
            return Optional.empty();
        }
    }

    public static OwnerCatalogue get() {
        return DEFAULT;
    }

    private static OwnerCatalogue load() {
        try (InputStream in = OwnerCatalogue.class.getResourceAsStream("owners.json")) {
            if (in == null) {
                throw new IllegalStateException("owners.json is missing from the classpath");
            }
            return new OwnerCatalogue(Json.MAPPER.readValue(in, Data.class).owners());
        } catch (IOException e) {
            throw new UncheckedIOException("owners.json does not parse", e);
        }
    }

    public List<Owner> owners() {
        return owners;
    }

    public Owner owner(String id) {
        Owner o = byId.get(id);
        if (o == null) {
            throw new IllegalArgumentException("no owner " + id);
        }
        return o;
    }

    public Optional<Owner> ofChain(String chain) {
        return chains.find(chain);
    }

    public Optional<Owner> ofComment(String comment) {
        return comment == null ? Optional.empty() : best(comment);
    }

    public Optional<Owner> ofInterface(String iface) {
        return iface == null ? Optional.empty() : interfaces.find(iface);
    }

    public Optional<Owner> ofTable(String family, String name) {
        return tables.find(family + " " + name);
    }

    /** The comment patterns, which also match inside a comment: an exact match, else the longest pattern. */
    private Optional<Owner> best(String value) {
        Owner best = null;
        int bestScore = -1;
        for (Owner o : owners) {
            for (String p : o.comments()) {
                int score = score(p, value, true);
                if (score > bestScore) {
                    best = o;
                    bestScore = score;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** -1 for no match; an exact match outranks any prefix; a longer prefix outranks a shorter one. */
    private static int score(String pattern, String value, boolean substring) {
        int last = pattern.length() - 1;
        if (last >= 0 && pattern.charAt(last) == '*') {
            // No substring: this runs for every chain and rule target of a 100k-rule save.
            return value.regionMatches(0, pattern, 0, last) ? last : -1;
        }
        if (value.equals(pattern)) {
            return 10_000;
        }
        return substring && value.contains(pattern) ? pattern.length() : -1;
    }

    static boolean matches(String pattern, String value) {
        return score(pattern, value, false) >= 0;
    }
}
