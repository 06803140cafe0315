package io.iptscope.detect;

import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import java.util.ArrayList;
import java.util.List;

/**
 * What one strategy would choose for one family, with the binaries it would run and why.
 *
 * @param basis the kind of evidence that decided
 * @param confidence    {@code unconfirmed} when a read this verdict depends on did not complete
 * @param unconfirmedBy the reads that did not complete, e.g. {@code nft ipv4: timeout}; empty when confirmed
 */
public record Verdict(StrategyId strategy, Family family, VerdictBackend backend, BinaryRef binary, BinaryRef save,
                      BinaryRef restore, Basis basis, List<TraceStep> trace, Confidence confidence,
                      List<String> unconfirmedBy) {

    public Verdict {
        trace = List.copyOf(trace);
        // Reports written before confidence existed read as confirmed.
        confidence = confidence == null ? Confidence.CONFIRMED : confidence;
        unconfirmedBy = unconfirmedBy == null ? List.of() : List.copyOf(unconfirmedBy);
    }

    public Verdict(StrategyId strategy, Family family, VerdictBackend backend, BinaryRef binary, BinaryRef save,
                   BinaryRef restore, Basis basis, List<TraceStep> trace) {
        this(strategy, family, backend, binary, save, restore, basis, trace, Confidence.CONFIRMED, List.of());
    }

    /**
     * This verdict, unconfirmed when a read of its family (either backend) or the nft table listing
     * did not complete: every strategy weighs both backends of its family, so each depends on all three.
     */
    public Verdict checkedAgainst(Evidence evidence) {
        List<String> failed = new ArrayList<>();
        for (Backend b : Backend.values()) {
            BackendEvidence e = evidence.of(b, family);
            if (e != null && e.status().leavesVerdictUnconfirmed()) {
                failed.add(b.id() + " " + family.id() + ": " + e.status().id());
            }
        }
        NftTablesEvidence tables = evidence.nftTables();
        if (tables != null && tables.status().leavesVerdictUnconfirmed()) {
            failed.add("nft tables: " + tables.status().id());
        }
        return failed.isEmpty() ? this : new Verdict(strategy, family, backend, binary, save, restore, basis, trace,
                Confidence.UNCONFIRMED, failed);
    }
}
