package io.iptscope.rules.bench;

import io.iptscope.rules.ParseResult;
import io.iptscope.rules.SaveParser;
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

/** Parsing a whole dump into the model (text already in memory, as after reading the save tool's output). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ParseBench {

    @Param({"1000", "10000", "100000", "500000"})
    public int rules;

    private String text;

    @Setup
    public void setUp() {
        text = BenchData.text(rules);
    }

    @Benchmark
    public ParseResult parse() {
        return SaveParser.parse(text, "bench");
    }
}
