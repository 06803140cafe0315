package io.iptscope.remote;

import io.iptscope.exec.HostKeyPrompt;
import io.iptscope.exec.PasswordPrompt;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The remote hosts of one session, for a host list beside "Local": the saved entries and one
 * {@link RemoteHost} per entry, opened on first use and kept (with its master connection and sudo
 * password) until removed or closed.
 */
public final class Hosts implements AutoCloseable {

    private final HostStore store;
    private final List<String> sshOptions;
    private final HostKeyPrompt hostKeyPrompt;
    private final PasswordPrompt passwordPrompt;
    private final Map<String, RemoteHost> open = new LinkedHashMap<>();

    /** {@code sshOptions}: extra ssh client options for every host (normally none: ~/.ssh/config applies). */
    public Hosts(HostStore store, List<String> sshOptions, HostKeyPrompt hostKeyPrompt, PasswordPrompt passwordPrompt) {
        this.store = store;
        this.sshOptions = List.copyOf(sshOptions);
        this.hostKeyPrompt = hostKeyPrompt;
        this.passwordPrompt = passwordPrompt;
    }

    public List<HostEntry> list() throws IOException {
        return store.list();
    }

    /** Saves the host (replacing one of the same name, whose session ends) and returns its session, not yet connected. */
    public synchronized RemoteHost add(HostEntry entry) throws IOException {
        store.put(entry);
        closeSession(entry.name());
        return session(entry.name()).orElseThrow();
    }

    /** The session of a saved host, opened on first use; empty when no such host is saved. */
    public synchronized Optional<RemoteHost> session(String name) throws IOException {
        RemoteHost host = open.get(name);
        if (host != null) {
            return Optional.of(host);
        }
        Optional<HostEntry> entry = store.find(name);
        entry.ifPresent(e -> open.put(name, Runners.remote(e, sshOptions, hostKeyPrompt, passwordPrompt)));
        return Optional.ofNullable(open.get(name));
    }

    /** Ends the host's session and forgets it. */
    public synchronized boolean remove(String name) throws IOException {
        closeSession(name);
        return store.remove(name);
    }

    @Override
    public synchronized void close() {
        for (String name : new ArrayList<>(open.keySet())) {
            closeSession(name);
        }
    }

    private void closeSession(String name) {
        RemoteHost host = open.remove(name);
        if (host != null) {
            host.close();
        }
    }
}
