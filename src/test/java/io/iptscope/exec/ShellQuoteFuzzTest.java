package io.iptscope.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever the strings, the quoted command line gives the shell exactly these words. The oracle is the local
 * /bin/sh (dash on Debian); {@code SshRunnerTest} sends the same kind of strings through ssh to the remote
 * login shell (bash).
 */
class ShellQuoteFuzzTest {

    /** A real sh receives exactly the arguments, one each, and the command line is pure ASCII. */
    @FuzzTest
    void anyArgumentsArriveUnchangedThroughARealShell(FuzzedDataProvider data) {
        List<String> argv = new ArrayList<>();
        int n = data.consumeInt(1, 5);
        for (int i = 0; i < n && data.remainingBytes() > 0; i++) {
            String a = data.consumeString(16);
            if (Argvs.isArgument(a)) {
                argv.add(a);
            }
        }
        if (argv.isEmpty()) {
            return;
        }
        check(argv);
    }

    static LongStream seeds() {
        return LongStream.range(0, 40);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void generatedArgumentsArriveUnchangedThroughARealShell(long seed) {
        check(Argvs.anyArgv(new Random(seed)));
    }

    @Test
    void knownNastyCases() {
        assertEquals("'it'\\''s'", ShellQuote.quote("it's"));
        assertEquals("''", ShellQuote.quote(""));
        assertEquals("'a b' '$(id)' '`x`'", ShellQuote.quote(List.of("a b", "$(id)", "`x`")));
        assertEquals("'a'\"$(printf '\\303\\244')\"'b'", ShellQuote.quote("aäb"));
        assertEquals(List.of("", "a b", "", "ä€😀"), Argvs.throughShell(List.of("", "a b", "", "ä€😀")));
        assertThrows(IllegalArgumentException.class, () -> ShellQuote.quote("a\0b"));
    }

    private static void check(List<String> argv) {
        String line = ShellQuote.quote(argv);
        // The JVM passes argv in the platform charset; under a C locale only ASCII survives.
        assertTrue(line.chars().allMatch(c -> c < 0x80), line);
        assertEquals(Argvs.escaped(argv), Argvs.escaped(Argvs.throughShell(argv)));
    }
}
