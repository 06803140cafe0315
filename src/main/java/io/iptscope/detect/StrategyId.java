package io.iptscope.detect;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/**
 * The known strategies, one constant each; the id names it on the command line and is the {@code strategy} of
 * a report (docs/report-schema.md). What each models is its {@link Strategy#title()}.
 */
public enum StrategyId {
    IPTSCOPE("iptscope"),
    SEED("seed"),
    ISTIO("istio"),
    WRAPPERS_V1("wrappers-v1"),
    WRAPPERS_V2("wrappers-v2"),
    WRAPPERS_V3("wrappers-v3"),
    CALICO("calico"),
    KUBE_PROXY("kube-proxy"),
    CALICO_NFT_AUTO("calico-nft-auto"),
    KIND("kind"),
    K3S_ROOT("k3s-root"),
    DOCKER_DIND("docker-dind");

    private final String id;

    StrategyId(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public static Optional<StrategyId> byId(String id) {
        for (StrategyId s : values()) {
            if (s.id.equals(id)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The id, as reports, texts and the UI show it. */
    @Override
    public String toString() {
        return id;
    }
}
