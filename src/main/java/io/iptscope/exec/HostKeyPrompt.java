package io.iptscope.exec;

/**
 * Asks the user whether to trust a host seen for the first time. There is deliberately no
 * "accept all": each unknown host is shown with its fingerprints and decided on its own.
 */
@FunctionalInterface
public interface HostKeyPrompt {

    /** Refuses every unknown host: only hosts already in known_hosts connect. */
    HostKeyPrompt REFUSE = key -> false;

    /** True to add the keys to known_hosts and connect; called on the thread that connects. */
    boolean accept(UnknownHostKey key);
}
