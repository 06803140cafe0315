package io.iptscope.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Mutates real dumps with a fixed seed; every mutant must parse without the parser failing. */
class SaveParserFuzzTest {

    private static final String ALPHABET = "\"\\' \t\r\n[]:*#!-AC0x";
    private static final int ROUNDS = 3000;

    @Test
    void mutatedRealDumpsParse() {
        List<String> seeds = List.of(RealDumps.resource("saved-legacy-v4-c.txt"), RealDumps.resource("saved-nft-v4.txt"),
                RealDumps.resource("real-v4.rules"), RealDumps.resource("real-v6.rules"));
        Random rnd = new Random(20261121L);
        int withErrors = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String text = mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
            if (!ParserInvariants.parseAndCheck(text).ok()) {
                withErrors++;
            }
        }
        // The mutations are strong enough to break most inputs, so the error paths were exercised.
        assertTrue(withErrors > ROUNDS / 2, "only " + withErrors + " mutants had errors");
    }

    private static String mutate(String text, Random rnd) {
        StringBuilder sb = new StringBuilder(text);
        int edits = 1 + rnd.nextInt(8);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = rnd.nextInt(sb.length());
            switch (rnd.nextInt(6)) {
                case 0 -> sb.insert(at, ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
                case 1 -> sb.deleteCharAt(at);
                case 2 -> sb.setCharAt(at, ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
                case 3 -> sb.setLength(at);
                case 4 -> sb.insert(at, (char) rnd.nextInt(0x3000));
                default -> {
                    List<String> lines = new ArrayList<>(Arrays.asList(sb.toString().split("\n", -1)));
                    int i = rnd.nextInt(lines.size());
                    int j = rnd.nextInt(lines.size());
                    lines.add(j, lines.get(i));
                    sb.setLength(0);
                    sb.append(String.join("\n", lines));
                }
            }
        }
        return sb.toString();
    }
}
