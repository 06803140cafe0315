package io.iptscope.ui.detection;

import io.iptscope.detect.TraceStep;
import io.iptscope.detect.Verdict;
import java.util.stream.Collectors;

/**
 * One strategy's verdicts for both families next to each other.
 *
 * @param differs the strategy picks another backend than the recommendation for at least one family
 * @param unknown a backend of a family could not be read: a different pick there is no alarm, it is unknown
 */
public record StrategyRow(String strategy, Verdict ipv4, Verdict ipv6, boolean differs, boolean unknown) {

    public static String cell(Verdict v) {
        return v == null ? "—" : v.backend().id() + "  (" + v.basis() + ")";
    }

    /** "=" agrees, "≠" chooses otherwise, "?" cannot tell because a read failed. */
    public String mark() {
        return unknown ? "?" : differs ? "≠" : "=";
    }

    /** A real disagreement, worth highlighting (not one caused by a failed read). */
    public boolean alarming() {
        return differs && !unknown;
    }

    /** The strategy's reasoning for both families, step by step, for the detail pane. */
    public String reasoning() {
        return strategy + (unknown ? "  (a backend could not be read: its counts below are unknown, not 0)" : "")
                + "\n\nIPv4: " + steps(ipv4) + "\n\nIPv6: " + steps(ipv6);
    }

    private static String steps(Verdict v) {
        if (v == null) {
            return "—";
        }
        int[] n = {1};
        return cell(v) + "\n" + v.trace().stream().map((TraceStep s) -> "  " + n[0]++ + ". " + s.kind().id() + ": "
                + s.text()).collect(Collectors.joining("\n"));
    }
}
