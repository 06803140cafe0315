package io.iptscope.exec;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * A password asked at most once per session and held only in memory, for {@link Privilege.SudoPassword}.
 * Every {@link #get()} hands out a copy, which the caller wipes after use.
 */
public final class SessionPassword implements Supplier<char[]> {

    private final PasswordPrompt prompt;
    private final String question;
    private char[] password;

    public SessionPassword(PasswordPrompt prompt, String question) {
        this.prompt = prompt;
        this.question = question;
    }

    @Override
    public synchronized char[] get() {
        if (password == null) {
            password = prompt.ask(question).orElseThrow(() -> new PrivilegeException("no password given: " + question));
        }
        return password.clone();
    }

    /** Wipes the password (wrong password, host closed); the next {@link #get()} asks again. */
    public synchronized void forget() {
        if (password != null) {
            Arrays.fill(password, '\0');
            password = null;
        }
    }

    @Override
    public String toString() {
        return "SessionPassword[****]";
    }
}
