package io.iptscope.exec;

/** The state of the master connection to one SSH host, as the host list shows it. */
public enum ConnectionState {
    /** Not connected yet, or closed. */
    DISCONNECTED,
    CONNECTING,
    CONNECTED,
    /** Was connected and the connection broke; the next action reconnects. */
    LOST,
    /** The last connection attempt failed (unreachable, authentication, host key). */
    FAILED
}
