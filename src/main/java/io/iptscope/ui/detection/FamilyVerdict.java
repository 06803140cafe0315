package io.iptscope.ui.detection;

import io.iptscope.detect.Basis;
import io.iptscope.detect.Finding;
import io.iptscope.detect.TraceStep;
import io.iptscope.detect.VerdictBackend;
import io.iptscope.rules.Family;
import java.util.List;
import java.util.Locale;

/**
 * The recommendation for one family as the large card shows it.
 *
 * @param binary    the binary to use, e.g. {@code iptables-nft}, with its path when present
 * @param agreement how many strategies choose the same backend, e.g. "5 of 7 strategies agree"
 * @param worst     the worst error or warning finding of this family; null when there is none
 * @param unread    the backends of this family that could not be read (denied, timeout, ...), e.g. "legacy"
 */
public record FamilyVerdict(Family family, VerdictBackend backend, String binary, Basis basis,
                            List<TraceStep> trace, String agreement, Finding worst, List<String> unread) {

    public FamilyVerdict {
        trace = List.copyOf(trace);
        unread = List.copyOf(unread);
    }

    /**
     * Unconfirmed when a backend this verdict weighed could not be read; an error finding otherwise
     * colours the card red; confirmed when all was read and nothing is broken.
     */
    public Confidence confidence() {
        if (!unread.isEmpty()) {
            return Confidence.UNCONFIRMED;
        }
        return worst != null && worst.severity() == io.iptscope.detect.Severity.ERROR ? Confidence.ERROR
                : Confidence.CONFIRMED;
    }

    /** The card's first line: its confidence in words, so it does not rely on colour. */
    public String badge() {
        return confidence() == Confidence.UNCONFIRMED ? confidence().badge() + ": " + String.join(" and ", unread)
                + " could not be read" : confidence().badge();
    }

    /** Said under the headline when the verdict rests on incomplete evidence; null when all was read. */
    public String caveat() {
        return unread.isEmpty() ? null : "unconfirmed: " + String.join(" and ", unread) + " could not be read";
    }

    /** The worst finding spelled out with its severity, so the card does not rely on colour. */
    public String alert() {
        return worst == null ? null : "⚠ " + worst.severity().id().toUpperCase(Locale.ROOT) + ": " + worst.message();
    }

    /** The verdict; with a question mark when it rests on a backend that could not be read. */
    public String headline() {
        String text = switch (backend) {
            case LEGACY -> "use LEGACY";
            case NFT -> "use NFT";
            case NONE -> "NO backend";
        };
        return unread.isEmpty() ? text : text + "?";
    }
}
