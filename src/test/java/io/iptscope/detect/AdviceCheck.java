package io.iptscope.detect;

import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks every finding's advice against the verdict: no finding may recommend a binary, an alternatives setting or
 * a backend that iptscope's verdict rejects, or one that holds only leftovers.
 */
final class AdviceCheck {

    private static final Pattern ALTERNATIVES = Pattern.compile(
            "alternatives --set (ip6?tables) \\S*?(ip6?tables)-(legacy|nft)");
    private static final Pattern USE = Pattern.compile("\\buse (ip6?tables)-(legacy|nft)\\b");
    private static final Pattern SHIP = Pattern.compile("ship the (legacy|nft) binaries");

    private AdviceCheck() {
    }

    static List<String> contradictions(Inspection i) {
        List<String> out = new ArrayList<>();
        for (Finding f : i.findings()) {
            String action = f.action();
            Matcher m = ALTERNATIVES.matcher(action);
            while (m.find()) {
                check(i, f, Family.parse(m.group(1)), Backend.parse(m.group(3)), out);
            }
            m = USE.matcher(action);
            while (m.find()) {
                check(i, f, Family.parse(m.group(1)), Backend.parse(m.group(2)), out);
            }
            m = SHIP.matcher(action);
            while (m.find() && f.family() != null) {
                check(i, f, f.family(), Backend.parse(m.group(1)), out);
            }
        }
        return out;
    }

    private static void check(Inspection i, Finding f, Family family, Backend advised, List<String> out) {
        VerdictBackend verdict = Findings.recommended(i.verdicts(), family);
        if (verdict != VerdictBackend.of(advised)) {
            out.add(f.id() + " advises " + advised.id() + " for " + family.id() + " but the verdict is " + verdict.id()
                    + ": " + f.action());
        }
        BackendEvidence e = i.observation().truth().of(advised, family);
        if (i.observation().node().staleness().onlyStale(e)) {
            out.add(f.id() + " advises " + advised.id() + " for " + family.id() + ", which holds only leftovers");
        }
    }
}
