package io.iptscope.detect;

import io.iptscope.discover.BinaryInventory;

/**
 * What strategies decide from.
 *
 * @param binaries the binary source a component would run
 * @param evidence the netns as that source's binaries can see it: a backend whose save binary the source lacks
 *                 is unreadable here, because the component would see nothing there
 * @param truth    the netns as the trusted readers (the host's own tools) read it: what it really holds
 * @param node     owners, stale marks and the hook pipeline derived from the truth
 */
public record Observation(BinaryInventory binaries, Evidence evidence, Evidence truth, NodeView node) {

    /** Source and trusted readers are the same binaries. */
    public Observation(BinaryInventory binaries, Evidence evidence) {
        this(binaries, evidence, evidence, NodeView.of(evidence));
    }

    public Observation withCapabilities(KernelCapabilities c) {
        return new Observation(binaries, evidence, truth, node.withCapabilities(c));
    }

    /** {@code truth} read with trusted readers; what {@code binaries} would see is derived from it. */
    public static Observation trusted(BinaryInventory binaries, Evidence truth) {
        return new Observation(binaries, truth.seenBy(binaries), truth, NodeView.of(truth));
    }
}
