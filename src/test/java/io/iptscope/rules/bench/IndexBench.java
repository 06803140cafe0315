package io.iptscope.rules.bench;

import io.iptscope.rules.RuleIndex;
import io.iptscope.rules.Ruleset;
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

/** Building the filter index of 500k rules: the one-time cost before the first filter. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class IndexBench {

    private Ruleset model;

    @Setup
    public void setUp() {
        model = BenchData.parse(BenchData.text(500_000));
    }

    @Benchmark
    public RuleIndex index500k() {
        return RuleIndex.of(model);
    }
}
