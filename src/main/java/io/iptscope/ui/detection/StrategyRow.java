package io.iptscope.ui.detection;

import io.iptscope.detect.Verdict;

/**
 * One strategy's verdicts for both families next to each other.
 *
 * @param differs the strategy picks another backend than the recommendation for at least one family
 */
public record StrategyRow(String strategy, Verdict ipv4, Verdict ipv6, boolean differs) {

    public static String cell(Verdict v) {
        return v == null ? "—" : v.backend().id() + "  (" + v.basis() + ")";
    }
}
