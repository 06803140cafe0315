package io.iptscope.exec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * How commands that need root get it. The GUI runs unprivileged and elevates each command instead
 * (a root GUI often cannot open a window on Wayland).
 */
public sealed interface Privilege {

    /** The argv prefix that elevates a command. */
    List<String> prefix();

    /** What goes in front of the command's own stdin (the sudo password line), or an empty array. */
    default byte[] stdinPreamble() {
        return new byte[0];
    }

    String id();

    /** Already root (or the commands need no privilege). */
    record Direct() implements Privilege {
        @Override
        public List<String> prefix() {
            return List.of();
        }

        @Override
        public String id() {
            return "direct";
        }
    }

    /** {@code sudo -n}: fails at once instead of asking when a password would be needed. */
    record SudoNoPassword() implements Privilege {
        @Override
        public List<String> prefix() {
            return List.of("sudo", "-n", "--");
        }

        @Override
        public String id() {
            return "sudo-n";
        }
    }

    /**
     * {@code sudo -S} with a password asked once per session and held only in memory. {@code -k}
     * makes sudo read it every time, so it never flows on into the command's own stdin.
     */
    final class SudoPassword implements Privilege {
        private final Supplier<char[]> password;

        public SudoPassword(Supplier<char[]> password) {
            this.password = password;
        }

        @Override
        public List<String> prefix() {
            return List.of("sudo", "-S", "-k", "-p", "", "--");
        }

        @Override
        public byte[] stdinPreamble() {
            char[] pw = password.get();
            try {
                // Encoded straight from the char[]: no String copy of the password is left behind.
                ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(pw));
                byte[] line = new byte[encoded.remaining() + 1];
                encoded.get(line, 0, line.length - 1);
                line[line.length - 1] = '\n';
                Arrays.fill(encoded.array(), (byte) 0);
                return line;
            } finally {
                Arrays.fill(pw, '\0');
            }
        }

        @Override
        public String id() {
            return "sudo-password";
        }

        @Override
        public String toString() {
            return "SudoPassword[****]";
        }
    }

    /** polkit's {@code pkexec}, which asks through the desktop's authentication agent. */
    record Pkexec() implements Privilege {
        @Override
        public List<String> prefix() {
            return List.of("pkexec");
        }

        @Override
        public String id() {
            return "pkexec";
        }
    }
}
