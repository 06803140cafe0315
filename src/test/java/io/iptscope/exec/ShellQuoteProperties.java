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
 * the local /bin/sh (dash on Debian); {@code SshRunnerTest} sends the same kind of strings through
 * ssh to the remote login shell (bash).
 */
class ShellQuoteProperties {

    private static final LocalRunner RUNNER = new LocalRunner();

    /** Any string an argv can carry: quotes, $, backticks, backslashes, newlines, spaces, non-ASCII, empty. */
    static Arbitrary<String> anyArgument() {
        Arbitrary<String> nasty = Arbitraries.strings()
                .withChars("'\"$`\\ \t\n\r*?;&|<>(){}[]!#~%=-_^aZ09éü漢🙂")
                .withCharRange('\u0001', '\u007f')
                .ofMinLength(0).ofMaxLength(12);
        Arbitrary<String> tricky = Arbitraries.of("😀", "𝄞", "ä€", "-n", "--", "$(id)", "`id`", "${PATH}", "'", "''",
                "\\'", "'\"'\"'", "\\", "\n", " ", "", "*", "~", "!$", "'$(printf x)'");
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(8);
        // A process argument is bytes without NUL; a lone UTF-16 surrogate has no UTF-8 form at all.
        return Arbitraries.oneOf(nasty, tricky, any)
                .filter(s -> s.indexOf('\0') < 0 && !hasLoneSurrogate(s));
    }

    @Provide
    Arbitrary<List<String>> argvs() {
        return anyArgument().list().ofMinSize(1).ofMaxSize(5);
    }

    /** A real sh receives exactly the arguments, one each, whatever they contain. */
    @Property(tries = 200)
    void anyArgumentsArriveUnchangedThroughARealShell(@ForAll("argvs") List<String> argv) {
        assertEquals(escaped(argv), escaped(throughShell(argv)));
    }

    /** The JVM passes argv in the platform charset; under a C locale only ASCII survives. */
    @Property(tries = 300)
    void theCommandLineIsPureAscii(@ForAll("argvs") List<String> argv) {
        assertTrue(ShellQuote.quote(argv).chars().allMatch(c -> c < 0x80), ShellQuote.quote(argv));
    }

    @Example
    void knownNastyCases() {
        assertEquals("'it'\\''s'", ShellQuote.quote("it's"));
        assertEquals("''", ShellQuote.quote(""));
        assertEquals("'a b' '$(id)' '`x`'", ShellQuote.quote(List.of("a b", "$(id)", "`x`")));
        assertEquals("'a'\"$(printf '\\303\\244')\"'b'", ShellQuote.quote("aäb"));
        assertEquals(List.of("", "a b", "", "ä€😀"), throughShell(List.of("", "a b", "", "ä€😀")));
        assertThrows(IllegalArgumentException.class, () -> ShellQuote.quote("a\0b"));
    }

    /** Runs {@code printf '%s\0' ARGS} through {@code sh -c} and splits what it printed. */
    private static List<String> throughShell(List<String> argv) {
        List<String> full = new ArrayList<>(List.of("printf", "%s\\0"));
        full.addAll(argv);
        CommandResult r = RUNNER.run(Command.of("sh", "-c", ShellQuote.quote(full)));
        assertEquals(0, r.exitCode(), r.summary());
        return splitNul(r.stdout());
    }

    /** Lists compared as escaped text, so that a failure report shows control characters. */
    static String escaped(List<String> args) {
        StringBuilder sb = new StringBuilder();
        for (String a : args) {
            sb.append('[');
            a.codePoints().forEach(c -> sb.append(c < 0x20 || c >= 0x7f ? String.format("\\u%04x", c)
                    : new String(Character.toChars(c))));
            sb.append(']');
        }
        return sb.toString();
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    static List<String> splitNul(byte[] out) {
        List<String> args = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
                args.add(new String(out, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return args;
    }
}
