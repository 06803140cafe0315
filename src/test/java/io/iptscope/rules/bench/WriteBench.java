package io.iptscope.rules.bench;

import io.iptscope.rules.Ruleset;
import io.iptscope.rules.SaveWriter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Writing the model back: verbatim (same bytes) and as canonical restore input (re-quoted rule by rule). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class WriteBench {

    @Param({"100000", "500000"})
    public int rules;

    private Ruleset model;

    @Setup
    public void setUp() {
        model = BenchData.parse(BenchData.text(rules));
    }

    @Benchmark
    public String faithful() {
        return SaveWriter.faithful(model);
    }

    @Benchmark
    public String restore() {
        return SaveWriter.restore(model);
    }
}
