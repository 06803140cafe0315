package io.iptscope.exec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Arguments that are hard to quote, generated from a seed, and a real shell to check the quoting against. */
final class Argvs {

    private static final String NASTY = "'\"$`\\ \t\n\r*?;&|<>(){}[]!#~%=-_^aZ09éü漢🙂";
    private static final List<String> TRICKY = List.of("😀", "𝄞", "ä€", "-n", "--", "$(id)", "`id`", "${PATH}", "'",
            "''", "\\'", "'\"'\"'", "\\", "\n", " ", "", "*", "~", "!$", "'$(printf x)'");
    private static final LocalRunner RUNNER = new LocalRunner();

    private Argvs() {
    }

    /** Any string an argv can carry: quotes, $, backticks, backslashes, newlines, spaces, non-ASCII, empty. */
    static String anyArgument(Random rnd) {
        return switch (rnd.nextInt(3)) {
            case 0 -> {
                StringBuilder sb = new StringBuilder();
                int n = rnd.nextInt(13);
                for (int i = 0; i < n; i++) {
                    if (rnd.nextBoolean()) {
                        sb.appendCodePoint(NASTY.codePoints().skip(rnd.nextInt((int) NASTY.codePoints().count()))
                                .findFirst().orElseThrow());
                    } else {
                        sb.append((char) (1 + rnd.nextInt(0x7f)));
                    }
                }
                yield sb.toString();
            }
            case 1 -> TRICKY.get(rnd.nextInt(TRICKY.size()));
            default -> {
                StringBuilder sb = new StringBuilder();
                int n = rnd.nextInt(9);
                for (int i = 0; i < n; i++) {
                    int cp;
                    do {
                        cp = 1 + rnd.nextInt(Character.MAX_CODE_POINT);
                    } while (Character.getType(cp) == Character.SURROGATE);
                    sb.appendCodePoint(cp);
                }
                yield sb.toString();
            }
        };
    }

    static List<String> anyArgv(Random rnd) {
        List<String> argv = new ArrayList<>();
        int n = 1 + rnd.nextInt(5);
        for (int i = 0; i < n; i++) {
            argv.add(anyArgument(rnd));
        }
        return argv;
    }

    /** Whether a process could receive {@code s} as an argument: bytes without NUL, valid UTF-16 (no lone surrogate). */
    static boolean isArgument(String s) {
        if (s.indexOf('\0') >= 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Runs {@code printf '%s\0' ARGS} through a real {@code sh -c} and splits what it printed. */
    static List<String> throughShell(List<String> argv) {
        List<String> full = new ArrayList<>(List.of("printf", "%s\\0"));
        full.addAll(argv);
        CommandResult r = RUNNER.run(Command.of("sh", "-c", ShellQuote.quote(full)));
        if (r.exitCode() != 0) {
            throw new AssertionError(r.summary());
        }
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
