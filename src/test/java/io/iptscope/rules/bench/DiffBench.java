package io.iptscope.rules.bench;

import io.iptscope.rules.Ruleset;
import io.iptscope.rules.RulesetDiff;
import io.iptscope.rules.RulesetDiffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Diffing two parsed 100k-rule sets: the same cluster with 1 % of its services edited, the cluster grown by
 * about 1 %, and two unrelated clusters (nearly every rule differs: the worst case).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DiffBench {

    private Ruleset base;
    private Ruleset edited;
    private Ruleset grown;
    private Ruleset unrelated;

    @Setup
    public void setUp() {
        String text = BenchData.text(100_000);
        base = BenchData.parse(text);
        edited = BenchData.parse(BenchData.edited(text));
        grown = BenchData.parse(BenchData.text(101_000));
        unrelated = BenchData.parse(BenchData.text(100_000, BenchData.SEED + 1));
    }

    @Benchmark
    public RulesetDiff edited100k() {
        return RulesetDiffer.diff(base, edited, "a", "b", false);
    }

    @Benchmark
    public RulesetDiff grown100k() {
        return RulesetDiffer.diff(base, grown, "a", "b", false);
    }

    @Benchmark
    public RulesetDiff unrelated100k() {
        return RulesetDiffer.diff(base, unrelated, "a", "b", false);
    }
}
