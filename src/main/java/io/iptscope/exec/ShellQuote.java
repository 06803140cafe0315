package io.iptscope.exec;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The one place where an argv becomes text for a POSIX shell: the command line that {@code ssh}
 * hands to the remote user's shell, and the rollback script of the dead-man's switch. Every argument
 * becomes exactly one word that the shell expands in no way.
 *
 * <p>ASCII goes in single quotes (a single quote inside becomes {@code '\''}: close, escaped quote,
 * reopen). Other characters travel as octal UTF-8 bytes, {@code "$(printf '\303\244')"}, so the
 * command line itself is pure ASCII: the JVM hands argv to ssh in the platform charset, which under
 * a C locale would turn every non-ASCII character into '?'.
 */
public final class ShellQuote {

    private ShellQuote() {
    }

    /** A whole command line: each argument quoted, separated by single spaces. */
    public static String quote(List<String> argv) {
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
     * One argument as one word: {@code 'it'\''s'} for {@code it's}, {@code ''} for the empty string.
     * A NUL cannot travel in an argv at all and is refused.
     */
    public static String quote(String arg) {
        if (arg.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an argument cannot contain a NUL character");
        }
        byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder("'");
        boolean inOctal = false;
        for (byte b : bytes) {
            int u = b & 0xff;
            if (u < 0x80) {
                if (inOctal) {
                    out.append("')\"'");
                    inOctal = false;
                }
                out.append(u == '\'' ? "'\\''" : String.valueOf((char) u));
            } else {
                if (!inOctal) {
                    out.append("'\"$(printf '");
                    inOctal = true;
                }
                out.append('\\').append(Integer.toOctalString(u));
            }
        }
        out.append(inOctal ? "')\"''" : "'");
        return out.toString();
    }
}
