package io.iptscope.exec;

import java.util.List;

/**
 * The one place where an argv becomes text for a POSIX shell: the remote side of SSH, and the
 * rollback script of the dead-man's switch. Every argument is single-quoted, so nothing in it
 * (quotes, $, backticks, newlines, globs) is interpreted.
 */
public final class ShellQuote {

    private ShellQuote() {
    }

    /** One argument: {@code 'it'\''s'} for {@code it's}; the empty string becomes {@code ''}. */
    public static String quote(String arg) {
        StringBuilder sb = new StringBuilder(arg.length() + 2).append('\'');
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (c == '\'') {
                sb.append("'\\''");
            } else {
                sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }

    /** A whole command line: each argument quoted, separated by single spaces. */
    public static String quote(List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (String a : argv) {
            if (a.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("an argument cannot contain NUL");
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(quote(a));
        }
        return sb.toString();
    }
}
