package io.iptscope.rules.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns what {@code bin/bench} measured into {@code docs/benchmarks.md}:
 * {@code BenchReport RESULT_DIR OUTPUT.md COMMAND ENVIRONMENT...}. RESULT_DIR holds {@code jmh.json} (JMH),
 * {@code heap.txt} (ModelHeap) and optionally {@code saves.tsv} (rules, backend, median, min, max ms, runs).
 */
public final class BenchReport {

    private BenchReport() {
    }

    /** One JMH result: score in ms/op with its error. */
    record Score(double ms, double error) {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Path out = Path.of(args[1]);
        String command = args[2];
        List<String> environment = List.of(args).subList(3, args.length);
        Map<String, Score> jmh = readJmh(dir.resolve("jmh.json"));
        Map<String, String> heap = readKeyValues(dir.resolve("heap.txt"));
        List<String[]> saves = Files.exists(dir.resolve("saves.tsv"))
                ? Files.readAllLines(dir.resolve("saves.tsv")).stream().filter(l -> !l.isBlank()).map(l -> l.split("\t")).toList()
                : List.of();
        Files.writeString(out, render(command, environment, jmh, heap, saves), StandardCharsets.UTF_8);
    }

    static Map<String, Score> readJmh(Path file) throws IOException {
        Map<String, Score> scores = new LinkedHashMap<>();
        for (JsonNode b : new ObjectMapper().readTree(file.toFile())) {
            String name = b.get("benchmark").asText().replace("io.iptscope.rules.bench.", "");
            JsonNode params = b.get("params");
            if (params != null) {
                List<String> p = new ArrayList<>();
                params.properties().forEach(e -> p.add(e.getValue().asText()));
                name += " " + String.join(",", p);
            }
            JsonNode m = b.get("primaryMetric");
            scores.put(name, new Score(m.get("score").asDouble(), m.get("scoreError").asDouble()));
        }
        return scores;
    }

    private static Map<String, String> readKeyValues(Path file) throws IOException {
        Map<String, String> kv = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                kv.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return kv;
    }

    private static String render(String command, List<String> environment, Map<String, Score> jmh,
                                 Map<String, String> heap, List<String[]> saves) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks of the rules package\n\n");
        md.append("Written by `bin/bench` (do not edit by hand). Reproduce with:\n\n```\n").append(command)
                .append("\n```\n\n");
        md.append("Environment:\n\n");
        environment.forEach(e -> md.append("* ").append(e).append('\n'));
        md.append("\nInputs come from `KubeRulesetGenerator` (seed 42, IPv4): kube-proxy-like rulesets printed the way "
                + "iptables-save prints them (about 154 bytes per rule). JMH: 1 fork, 3 warm-up and 5 measured iterations "
                + "of 2 s unless the command above says otherwise; average time per operation with its 99.9 % error. Other work may have run on the same 2 cores.\n\n");

        Map<Integer, Long> sizes = new LinkedHashMap<>();
        for (int n : new int[] {1000, 10000, 100000, 500000}) {
            sizes.put(n, (long) BenchData.text(n).length());
        }
        Score parse500 = jmh.get("ParseBench.parse 500000");
        Score worstFilter = jmh.entrySet().stream().filter(e -> e.getKey().startsWith("FilterBench"))
                .map(Map.Entry::getValue).max((a, b) -> Double.compare(a.ms(), b.ms())).orElse(null);
        Score edited = jmh.get("DiffBench.edited100k");
        Score grown = jmh.get("DiffBench.grown100k");
        long model = Long.parseLong(heap.getOrDefault("modelBytes", "-1"));

        md.append("## Targets\n\n| target | goal | measured | met |\n|---|---|---|---|\n");
        if (parse500 != null) {
            double mbs = sizes.get(500000) / 1e6 / (parse500.ms() / 1000);
            row(md, "parse 500k rules", ">= 150 MB/s", fmt("%.0f MB/s (%.0f ms for %.1f MB)", mbs, parse500.ms(),
                    sizes.get(500000) / 1e6), mbs >= 150);
        }
        if (model > 0) {
            row(md, "model of 500k rules, retained heap", "< 400 MB", fmt("%.0f MB", model / 1e6), model < 400e6);
        }
        if (worstFilter != null) {
            row(md, "filter over 500k rules (slowest query below)", "< 100 ms", fmt("%.1f ms", worstFilter.ms()),
                    worstFilter.ms() < 100);
        }
        if (edited != null && grown != null) {
            double worst = Math.max(edited.ms(), grown.ms());
            row(md, "diff of two 100k-rule snapshots (edited, grown)", "< 1 s", fmt("%.0f ms", worst), worst < 1000);
        }

        for (String op : new String[] {"parse", "graph"}) {
            Score colliding = jmh.get("HostileNamesBench." + op + " colliding");
            Score plain = jmh.get("HostileNamesBench." + op + " plain");
            if (colliding != null && plain != null) {
                double ratio = colliding.ms() / plain.ms();
                row(md, op + " of 16,384 chains with one String.hashCode / plain names", "<= 2x",
                        fmt("%.2fx (%.1f / %.1f ms)", ratio, colliding.ms(), plain.ms()), ratio <= 2);
            }
        }

        md.append("\n## Parse\n\n| rules | dump MB | ms/op | MB/s |\n|---|---|---|---|\n");
        sizes.forEach((n, bytes) -> {
            Score s = jmh.get("ParseBench.parse " + n);
            if (s != null) {
                md.append(fmt("| %,d | %.2f | %s | %.0f |%n", n, bytes / 1e6, score(s), bytes / 1e6 / (s.ms() / 1000)));
            }
        });

        if (!saves.isEmpty()) {
            md.append("\n## Against the save tools on the same ruleset\n\n");
            md.append("The same generated dump restored into a scratch network namespace, then saved with the real tools "
                    + "(wall time of `ip netns exec NS iptables-B-save > /dev/null`, so about 3 ms of namespace entry "
                    + "are included; median of the runs, min–max in brackets). Our parse time is the JMH figure above.\n\n");
            md.append("| rules | our parse | iptables-legacy-save | iptables-nft-save |\n|---|---|---|---|\n");
            Map<String, Map<String, String>> bySize = new LinkedHashMap<>();
            for (String[] s : saves) {
                bySize.computeIfAbsent(s[0], k -> new HashMap<>()).put(s[1], s[2].equals("timeout")
                        ? "over 300 s (stopped)"
                        : s[2].startsWith("failed:") ? "failed (exit " + s[2].substring("failed:".length()) + ")"
                        : fmt("%s ms [%s–%s, %s runs]", s[2], s[3], s[4], s[5]));
            }
            bySize.forEach((n, byBackend) -> {
                Score p = jmh.get("ParseBench.parse " + n);
                md.append("| ").append(fmt("%,d", Integer.parseInt(n))).append(" | ")
                        .append(p == null ? "–" : fmt("%.1f ms", p.ms())).append(" | ")
                        .append(byBackend.getOrDefault("legacy", "–")).append(" | ")
                        .append(byBackend.getOrDefault("nft", "–")).append(" |\n");
            });
        }

        section(md, "Write (SaveWriter)", jmh, "WriteBench.");
        section(md, "Diff of two parsed 100k-rule sets (RulesetDiffer)", jmh, "DiffBench.");
        section(md, "Filter over 500k rules (RuleFilter on a RuleIndex)", jmh, "FilterBench.");
        section(md, "Building the filter index (once per ruleset)", jmh, "IndexBench.");
        section(md, "Hostile chain names (one String.hashCode for all) against plain ones", jmh, "HostileNamesBench.");

        if (!heap.isEmpty()) {
            md.append("\n## Heap (ModelHeap)\n\n");
            md.append("Used heap after full collections, before and after parsing (the dump text itself is part of the "
                    + "model: rules point into it), then after building the filter index. Ran with `-Xmx400m`.\n\n");
            md.append("| what | MB |\n|---|---|\n");
            md.append(fmt("| rules | %s |%n", heap.get("rules")));
            md.append(fmt("| dump text (chars) | %.1f |%n", Long.parseLong(heap.get("dumpBytes")) / 1e6));
            md.append(fmt("| model retained (text included) | %.1f |%n", model / 1e6));
            md.append(fmt("| filter index retained | %.1f |%n", Long.parseLong(heap.get("indexBytes")) / 1e6));
        }
        return md.toString();
    }

    private static void section(StringBuilder md, String title, Map<String, Score> jmh, String prefix) {
        if (jmh.keySet().stream().noneMatch(k -> k.startsWith(prefix))) {
            return;
        }
        md.append("\n## ").append(title).append("\n\n| benchmark | ms/op |\n|---|---|\n");
        jmh.forEach((name, s) -> {
            if (name.startsWith(prefix)) {
                md.append("| `").append(name.substring(prefix.length())).append("` | ").append(score(s)).append(" |\n");
            }
        });
    }

    /** {@code 12.34 ± 0.56}; without the error when JMH had too few iterations to give one. */
    private static String score(Score s) {
        return Double.isNaN(s.error()) ? fmt("%.2f", s.ms()) : fmt("%.2f ± %.2f", s.ms(), s.error());
    }

    private static void row(StringBuilder md, String what, String goal, String measured, boolean met) {
        md.append("| ").append(what).append(" | ").append(goal).append(" | ").append(measured).append(" | ")
                .append(met ? "yes" : "**no**").append(" |\n");
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
