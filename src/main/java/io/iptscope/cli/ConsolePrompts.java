package io.iptscope.cli;

import io.iptscope.exec.HostKeyPrompt;
import io.iptscope.exec.PasswordPrompt;
import io.iptscope.exec.UnknownHostKey;
import java.io.Console;
import java.util.Locale;
import java.util.Optional;

/**
 * Asks on the terminal. Without one (a pipe, a script) an unknown host is refused and no password
 * is given: nothing is ever accepted on the user's behalf.
 */
final class ConsolePrompts implements HostKeyPrompt, PasswordPrompt {

    @Override
    public boolean accept(UnknownHostKey key) {
        Console console = System.console();
        if (console == null) {
            System.err.println(key.describe());
            System.err.println("Not a terminal: the host key is not accepted. Check the fingerprint and run "
                    + "ssh " + key.destination() + " once, or run iptscope in a terminal.");
            return false;
        }
        console.printf("%s%n", key.describe());
        String answer = console.readLine("Are you sure you want to continue connecting (yes/no)? ");
        return answer != null && answer.strip().toLowerCase(Locale.ROOT).equals("yes");
    }

    @Override
    public Optional<char[]> ask(String question) {
        Console console = System.console();
        if (console == null) {
            return Optional.empty();
        }
        char[] pw = console.readPassword("%s: ", question);
        return Optional.ofNullable(pw);
    }
}
