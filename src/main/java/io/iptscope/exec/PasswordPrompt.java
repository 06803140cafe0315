package io.iptscope.exec;

import java.util.Optional;

/** Asks for a password (the remote sudo password); empty when the user cancels. */
@FunctionalInterface
public interface PasswordPrompt {

    Optional<char[]> ask(String question);
}
