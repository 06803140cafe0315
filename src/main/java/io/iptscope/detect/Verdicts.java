package io.iptscope.detect;

import io.iptscope.discover.BinaryInfo;
import io.iptscope.discover.BinaryInventory;
import io.iptscope.discover.ToolKind;
import io.iptscope.discover.Variant;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;

/** Shared building blocks of the strategies. */
final class Verdicts {

    private Verdicts() {
    }

    /** A verdict that runs the {@code variant} names of {@code family} from the binary source. */
    static Verdict choose(StrategyId strategy, Family family, Backend backend, Variant variant, BinaryInventory bins,
                          Basis basis, Trace trace) {
        BinaryRef base = ref(bins.get(family, variant, ToolKind.BASE));
        BinaryRef save = ref(bins.get(family, variant, ToolKind.SAVE));
        BinaryRef restore = ref(bins.get(family, variant, ToolKind.RESTORE));
        if (!base.present() || !save.present() || !restore.present()) {
            trace.note("the binary source lacks " + missing(base, save, restore)
                    + ": this choice cannot be carried out with it");
        }
        return new Verdict(strategy, family, VerdictBackend.of(backend), base, save, restore, basis, trace.steps());
    }

    static Verdict choose(StrategyId strategy, Family family, Backend backend, BinaryInventory bins, Basis basis,
                          Trace trace) {
        return choose(strategy, family, backend, Variant.of(backend), bins, basis, trace);
    }

    static Verdict none(StrategyId strategy, Family family, Basis basis, Trace trace) {
        return new Verdict(strategy, family, VerdictBackend.NONE, null, null, null, basis, trace.steps());
    }

    /** The rules a tool that reads this backend would count: zero when its read would not work. */
    static int rulesSeen(BackendEvidence e, Trace trace, String tool) {
        if (!e.readable()) {
            trace.note(e.describe() + " could not be read (" + e.status().id() + "): " + tool
                    + " would see no rules there; the real state may differ");
            return 0;
        }
        return e.ruleCount();
    }

    static String rules(int n) {
        return n + (n == 1 ? " rule" : " rules");
    }

    private static BinaryRef ref(BinaryInfo info) {
        return new BinaryRef(info.name(), info.path());
    }

    private static String missing(BinaryRef... refs) {
        StringBuilder sb = new StringBuilder();
        for (BinaryRef r : refs) {
            if (!r.present()) {
                sb.append(sb.length() == 0 ? "" : ", ").append(r.name());
            }
        }
        return sb.toString();
    }
}
