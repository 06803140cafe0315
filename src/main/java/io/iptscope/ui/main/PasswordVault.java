package io.iptscope.ui.main;

import java.util.Arrays;

/** The sudo password of this session, only in memory; each use gets a copy the caller wipes. */
public final class PasswordVault {

    private char[] password;

    public synchronized boolean present() {
        return password != null;
    }

    /** Takes ownership of {@code secret}. */
    public synchronized void set(char[] secret) {
        clear();
        password = secret;
    }

    public synchronized char[] copy() {
        if (password == null) {
            throw new IllegalStateException("no sudo password was entered");
        }
        return Arrays.copyOf(password, password.length);
    }

    public synchronized void clear() {
        if (password != null) {
            Arrays.fill(password, '\0');
            password = null;
        }
    }
}
