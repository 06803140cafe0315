package io.iptscope.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ShellQuoteProperties {

    private static final LocalRunner RUNNER = new LocalRunner();

    /** A real sh receives exactly the arguments, one each, whatever they contain. */
    @Property(tries = 60)
    void anyArgumentsArriveUnchangedThroughARealShell(@ForAll("argvs") List<String> argv) {
        List<String> full = new ArrayList<>(List.of("printf", "%s\\0"));
        full.addAll(argv);
        CommandResult r = RUNNER.run(Command.of("sh", "-c", ShellQuote.quote(full)));
        assertEquals(0, r.exitCode(), r.summary());
        assertEquals(escaped(argv), escaped(split(r.stdout())));
    }

    @Example
    void knownNastyCases() {
        assertEquals("'it'\\''s'", ShellQuote.quote("it's"));
        assertEquals("''", ShellQuote.quote(""));
        assertEquals("'a b' '$(id)' '`x`'", ShellQuote.quote(List.of("a b", "$(id)", "`x`")));
    }

    @Provide
    Arbitrary<List<String>> argvs() {
        Arbitrary<String> nasty = Arbitraries.strings()
                .withChars("'\"$`\\ \t\n*?;&|<>(){}[]!#~%=-_aZ09éü漢🙂")
                .ofMinLength(0).ofMaxLength(12);
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(8);
        // A process argument is bytes without NUL; a lone UTF-16 surrogate has no UTF-8 form at all.
        return Arbitraries.oneOf(nasty, any)
                .filter(s -> s.indexOf('\0') < 0 && !hasLoneSurrogate(s))
                .list().ofMinSize(1).ofMaxSize(5);
    }

    /** Lists compared as escaped text, so that a failure report shows control characters. */
    private static String escaped(List<String> args) {
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

    private static List<String> split(byte[] out) {
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
