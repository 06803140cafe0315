package io.iptscope.ui.contexts;

import io.iptscope.detect.ContextMatrix;

/** One binary source in one netns: a row of the context table, both families side by side. */
public record ContextRow(String source, String netns, ContextMatrix.Cell ipv4, ContextMatrix.Cell ipv6) {

    public boolean agrees() {
        return ipv4.agrees() && ipv6.agrees();
    }

    static String describe(ContextMatrix.Cell c) {
        String chosen = c.chosen().id() + " (" + c.basis() + ")";
        return c.agrees() ? chosen : "≠ " + chosen + " but the rules are in " + c.actual().id();
    }
}
