package io.iptscope.detect;

import io.iptscope.rules.Family;

/**
 * A known way of choosing the iptables backend, as a pure function of the observation. Strategies
 * never run commands: where the real tool would probe or write, the trace says so.
 */
public interface Strategy {

    /** Stable id used on the command line and in reports. */
    StrategyId id();

    /** What it models, e.g. "Istio DetectIptablesVersion (2026)". */
    String title();

    Verdict decide(Observation observation, Family family);
}
