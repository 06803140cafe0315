package io.iptscope.ui.main;

import java.util.Optional;

/** Asks the user for the sudo password (a dialog in the app, a constant in tests). */
@FunctionalInterface
public interface PasswordPrompt {

    /** Empty when the user cancelled. */
    Optional<char[]> ask();
}
