package io.iptscope.exec;

/**
 * The SSH transport failed: a task that sees this has no answer from the host, which is never the
 * same as an empty answer (zero rules). Unchecked, so it passes through detection and discovery
 * unchanged up to the CLI or the GUI.
 */
public final class SshConnectionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the transport failed. */
    public enum Reason {
        /** The host's key is not in known_hosts and was not accepted. */
        UNKNOWN_HOST_KEY,
        /** The host presents a different key than known_hosts holds. */
        HOST_KEY_CHANGED,
        AUTHENTICATION,
        UNREACHABLE,
        /** The connection broke while in use (ssh exit 255, master gone). */
        LOST
    }

    private final String host;
    private final Reason reason;

    public SshConnectionException(String host, Reason reason, String message) {
        super(message);
        this.host = host;
        this.reason = reason;
    }

    public String host() {
        return host;
    }

    public Reason reason() {
        return reason;
    }
}
