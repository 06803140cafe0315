package io.iptscope.ui.detection;

import io.iptscope.detect.TraceStep;
import io.iptscope.detect.VerdictBackend;
import io.iptscope.rules.Family;
import java.util.List;

/**
 * The recommendation for one family as the large card shows it.
 *
 * @param binary    the binary to use, e.g. {@code iptables-nft}, with its path when present
 * @param agreement how many strategies choose the same backend, e.g. "5 of 7 strategies agree"
 */
public record FamilyVerdict(Family family, VerdictBackend backend, String binary, String basis,
                            List<TraceStep> trace, String agreement) {

    public FamilyVerdict {
        trace = List.copyOf(trace);
    }

    public String headline() {
        return switch (backend) {
            case LEGACY -> "use LEGACY";
            case NFT -> "use NFT";
            case NONE -> "NO backend";
        };
    }
}
