package io.iptscope.detect;

import io.iptscope.discover.BinaryInventory;

/** What strategies decide from: the binaries of the source and the evidence of the netns. */
public record Observation(BinaryInventory binaries, Evidence evidence) {
}
