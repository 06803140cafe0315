package io.iptscope.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the strings, the quoted command line gives the shell exactly these words. Checked with
 * the local /bin/sh (dash on Debian); {@code SshRunnerTest} sends the same strings through ssh to
 * the remote login shell (bash).
 */
class ShellQuoteProperties {

    private static final LocalRunner LOCAL = new LocalRunner();

    /** Any string an argv can carry: quotes, $, backticks, backslashes, newlines, spaces, non-ASCII, empty. */
    static Arbitrary<String> anyArgument() {
        Arbitrary<String> chars = Arbitraries.strings()
                .withChars("'\"$`\\\n\r\t !*?;&|<>(){}[]#~%=,-^")
                .withCharRange('\u0001', '\u007f')
                .withCharRange('\u00a0', '\u024f')
                .withCharRange('\u4e00', '\u4e2f')
                .ofMaxLength(12);
        Arbitrary<String> tricky = Arbitraries.of("😀", "𝄞", "ä€", "-n", "--", "$(id)", "`id`", "${PATH}", "'", "''",
                "\\'", "'\"'\"'", "\\", "\n", " ", "", "*", "~", "!$", "'$(printf x)'");
        return Arbitraries.oneOf(chars, tricky).list().ofMaxSize(5).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<List<String>> argvs() {
        return anyArgument().list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 300)
    void everyStringArrivesAsOneUnchangedArgument(@ForAll("argvs") List<String> args) {
        assertEquals(args, throughShell(args));
    }

    @Property(tries = 300)
    void theCommandLineIsPureAscii(@ForAll("argvs") List<String> args) {
        assertTrue(ShellQuote.quote(args).chars().allMatch(c -> c < 0x80), ShellQuote.quote(args));
    }

    @Example
    void emptyArgumentsStayArgumentsAndNulIsRefused() {
        assertEquals(List.of("", "a b", ""), throughShell(List.of("", "a b", "")));
        assertEquals("''", ShellQuote.quote(""));
        assertThrows(IllegalArgumentException.class, () -> ShellQuote.quote("a\0b"));
        assertThrows(IllegalArgumentException.class, () -> ShellQuote.quote(List.of()));
    }

    /** Runs {@code printf '%s\0' ARGS} through {@code sh -c} and splits what it printed. */
    static List<String> throughShell(List<String> args) {
        CommandResult r = LOCAL.run(Command.of("sh", "-c", "printf '%s\\0' " + ShellQuote.quote(args)));
        assertEquals(0, r.exitCode(), r.summary());
        return splitNul(r.stdout());
    }

    static List<String> splitNul(byte[] out) {
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
                words.add(new String(out, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return words;
    }
}
