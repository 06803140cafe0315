package io.iptscope.rules.bench;

import io.iptscope.rules.Family;
import io.iptscope.rules.KubeRulesetGenerator;
import io.iptscope.rules.ParseResult;
import io.iptscope.rules.Ruleset;
import io.iptscope.rules.SaveParser;

/** The inputs every benchmark uses: kube-proxy-like dumps from the generator, seed 42 unless said otherwise. */
final class BenchData {

    static final long SEED = 42;

    private BenchData() {
    }

    static String text(int rules) {
        return text(rules, SEED);
    }

    static String text(int rules, long seed) {
        return KubeRulesetGenerator.generate(rules, seed, Family.IPV4).text();
    }

    static Ruleset parse(String text) {
        ParseResult r = SaveParser.parse(text, "bench");
        if (!r.ok()) {
            throw new IllegalStateException("generated ruleset has errors: " + r.errors().get(0).format());
        }
        return r.ruleset();
    }

    /** A copy with every 100th service port number changed: 1 % of the services edited in place. */
    static String edited(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        int from = 0;
        int seen = 0;
        while (true) {
            int at = text.indexOf(" --dport ", from);
            if (at < 0) {
                break;
            }
            int valueStart = at + 9;
            int valueEnd = text.indexOf(' ', valueStart);
            sb.append(text, from, valueStart);
            sb.append(seen++ % 100 == 0 ? "1" + text.substring(valueStart, valueEnd) : text.substring(valueStart, valueEnd));
            from = valueEnd;
        }
        return sb.append(text, from, text.length()).toString();
    }
}
