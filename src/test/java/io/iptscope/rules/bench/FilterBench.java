package io.iptscope.rules.bench;

import io.iptscope.rules.RuleFilter;
import io.iptscope.rules.RuleIndex;
import io.iptscope.rules.Ruleset;
import java.util.BitSet;
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

/** Filtering 500k rules with an index built once per ruleset (as the browser keeps it while one types). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FilterBench {

    @Param({"chain:KUBE-SVC-* target:KUBE-SEP-*", "src:10.244.0.0/16", "10.244.1.",
        "comment:\"cluster IP\" proto:udp or hits>0", "!target:KUBE-MARK-MASQ module:statistic"})
    public String query;

    private RuleIndex index;
    private RuleFilter filter;

    @Setup
    public void setUp() {
        Ruleset rs = BenchData.parse(BenchData.text(500_000));
        index = RuleIndex.of(rs);
        filter = ((RuleFilter.Compiled.Ok) RuleFilter.compile(query)).filter();
    }

    @Benchmark
    public BitSet filter500k() {
        return filter.matches(index);
    }
}
