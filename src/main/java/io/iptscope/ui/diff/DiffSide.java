package io.iptscope.ui.diff;

/** One side of a comparison: a name for the headings and the rules in save format. */
public record DiffSide(String name, String text) {
}
