package io.iptscope.exec;

import java.util.List;

/**
 * The one place where an argv list becomes a shell string: the command line that {@code ssh} hands
 * to the remote user's POSIX shell. Every argument is single-quoted, so the shell expands nothing.
 */
public final class ShellQuote {

    private ShellQuote() {
    }

    /** The words of {@code argv}, each quoted, separated by single spaces. */
    public static String quote(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty argv");
        }
        StringBuilder out = new StringBuilder();
        for (String arg : argv) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(quote(arg));
        }
        return out.toString();
    }

    /**
     * One argument in single quotes; a single quote inside becomes {@code '\''} (close, escaped
     * quote, reopen). A NUL cannot travel in an argv at all and is refused.
     */
    public static String quote(String arg) {
        if (arg.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an argument cannot contain a NUL character");
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
