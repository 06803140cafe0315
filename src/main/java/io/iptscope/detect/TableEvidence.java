package io.iptscope.detect;

import java.util.List;

/**
 * One table of one backend and family, summarised from its save output.
 *
 * @param markerChains    hint and canary chains present (see {@link Markers})
 * @param mentionsHint    the table's text contains a kubelet hint name anywhere (Calico's unanchored search)
 * @param builtinChains   the base chains with their policy and rule count
 * @param owners          rules and chains per owner fingerprint (KUBE-, DOCKER, cali-, ...)
 */
public record TableEvidence(String name, int chains, int userChains, int rules, List<String> markerChains,
                            boolean mentionsHint, List<ChainSummary> builtinChains, List<OwnerCount> owners,
                            List<ChainFacts> chainFacts) {

    public TableEvidence {
        markerChains = List.copyOf(markerChains);
        builtinChains = List.copyOf(builtinChains);
        owners = List.copyOf(owners);
        chainFacts = chainFacts == null ? List.of() : List.copyOf(chainFacts);
    }

    public TableEvidence(String name, int chains, int userChains, int rules, List<String> markerChains,
                         boolean mentionsHint, List<ChainSummary> builtinChains, List<OwnerCount> owners) {
        this(name, chains, userChains, rules, markerChains, mentionsHint, builtinChains, owners, List.of());
    }

    /**
     * One chain as ownership, staleness and the hook pipeline need it.
     *
     * @param owner     the catalogue owner of the chain by its name, or null
     * @param endsWith  {@code DROP}/{@code REJECT} when the last rule matches every packet with that target, else null
     * @param accepts   some rule's target is ACCEPT
     * @param baseRules for a base chain, each rule with its owner (by comment, jump target or interface)
     */
    public record ChainFacts(String name, boolean builtin, String policy, int rules, String owner, String endsWith,
                             boolean accepts, List<RuleFacts> baseRules) {
        public ChainFacts {
            baseRules = List.copyOf(baseRules);
        }
    }

    /** @param target the jump or goto target, or null; @param owner the owner it is attributed to, or null */
    public record RuleFacts(String raw, String target, String owner) {
    }

    public java.util.Optional<ChainFacts> chainFacts(String chain) {
        return chainFacts.stream().filter(c -> c.name().equals(chain)).findFirst();
    }

    public record ChainSummary(String name, String policy, int rules) {
    }

    public record OwnerCount(String owner, int chains, int rules) {
    }

    public boolean hasKubeletHint() {
        return markerChains.stream().anyMatch(Markers.KUBELET_HINTS::contains);
    }
}
