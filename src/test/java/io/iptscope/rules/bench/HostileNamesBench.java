package io.iptscope.rules.bench;

import io.iptscope.rules.ChainGraph;
import io.iptscope.rules.ParseResult;
import io.iptscope.rules.SaveParser;
import java.util.ArrayList;
import java.util.List;
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

/**
 * 16,384 chains whose names share one {@link String#hashCode()} against as many plain names of the same length,
 * each jumped to from INPUT: parsing and the chain graph must cost about the same (they were 350× and 240× slower).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class HostileNamesBench {

    @Param({"colliding", "plain"})
    public String names;

    private String text;
    private ParseResult parsed;

    @Setup
    public void setUp() {
        List<String> chains = names.equals("colliding") ? colliding() : plain();
        StringBuilder sb = new StringBuilder("*filter\n:INPUT ACCEPT [0:0]\n");
        chains.forEach(n -> sb.append(':').append(n).append(" - [0:0]\n"));
        chains.forEach(n -> sb.append("-A INPUT -j ").append(n).append('\n'));
        text = sb.append("COMMIT\n").toString();
        parsed = SaveParser.parse(text, "bench");
    }

    /** "Aa" and "BB" have one hash code, and so has every 28-character string made of 14 of them. */
    public static List<String> colliding() {
        List<String> out = new ArrayList<>(List.of(""));
        for (int i = 0; i < 14; i++) {
            List<String> next = new ArrayList<>(out.size() * 2);
            for (String n : out) {
                next.add(n + "Aa");
                next.add(n + "BB");
            }
            out = next;
        }
        return out;
    }

    static List<String> plain() {
        List<String> out = new ArrayList<>(1 << 14);
        for (int i = 0; i < 1 << 14; i++) {
            out.add(String.format("C%027d", i));
        }
        return out;
    }

    @Benchmark
    public ParseResult parse() {
        return SaveParser.parse(text, "bench");
    }

    @Benchmark
    public ChainGraph graph() {
        return ChainGraph.of(parsed.ruleset());
    }
}
