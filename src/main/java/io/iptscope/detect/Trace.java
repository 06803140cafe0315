package io.iptscope.detect;

import java.util.ArrayList;
import java.util.List;

/** Collects a strategy's reasoning while it runs. */
final class Trace {

    private final List<TraceStep> steps = new ArrayList<>();

    Trace observe(String text) {
        steps.add(new TraceStep(TraceStep.Kind.OBSERVE, text));
        return this;
    }

    Trace decide(String text) {
        steps.add(new TraceStep(TraceStep.Kind.DECIDE, text));
        return this;
    }

    Trace note(String text) {
        steps.add(new TraceStep(TraceStep.Kind.NOTE, text));
        return this;
    }

    List<TraceStep> steps() {
        return List.copyOf(steps);
    }
}
