package io.iptscope.ui.detection;

import io.iptscope.detect.HookPipeline;
import java.util.Locale;

/**
 * One base chain of the hook pipeline strip, as shown.
 *
 * @param writer   {@code legacy}, {@code iptables-nft} or {@code native}
 * @param owner    the owners' names, or "owner unknown"
 * @param rules    the rule count in words ("3 rules", "rules not read")
 * @param blocks   a drop policy or catch-all drop/reject: shown red and with {@link #marker()}
 * @param marker   the words that say it blocks ("BLOCKS: policy drop"), null when it does not
 * @param passes   for a blocking chain, the interfaces it still accepts on this hook before it blocks
 *                 ("passes iifname docker0 in filter_FWD_docker"), null when none
 */
public record PipelineStage(String writer, String table, String chain, int priority, String owner, String policy,
                            String rules, boolean blocks, String marker, String passes) {

    static PipelineStage of(String hook, HookPipeline.Stage s) {
        String owner = s.owners().isEmpty() ? "owner unknown" : String.join(", ", s.owners());
        String rules = s.rules() == null ? "rules not read" : s.rules() + (s.rules() == 1 ? " rule" : " rules");
        return new PipelineStage(s.writer(), s.table(), s.chain(), s.priority(), owner,
                s.policy().toUpperCase(Locale.ROOT), rules, s.blocks(), s.blocks() ? "⛔ BLOCKS: " + s.blocksHow() : null,
                s.passesText(hook).orElse(null));
    }

    /** The whole chain in words, for the strip's box and screen readers. */
    public String text() {
        return writer + " · " + table + " " + chain + " · priority " + priority + "\n" + owner + " · policy " + policy
                + " · " + rules + (marker == null ? "" : "\n" + marker) + (passes == null ? "" : "\n" + passes);
    }
}
