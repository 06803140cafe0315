package io.iptscope.exec;

/** Root could not be obtained: sudo refused, or the user gave no password. */
public final class PrivilegeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PrivilegeException(String message) {
        super(message);
    }
}
