package io.iptscope.exec;

import java.util.List;

/**
 * A host whose key is not in known_hosts: what the user is shown before deciding. {@code hostPattern}
 * is what known_hosts will name ({@code host} or {@code [host]:port}), {@code knownHostsFile} where
 * the keys will be added.
 */
public record UnknownHostKey(String destination, String hostPattern, List<HostKey> keys, String knownHostsFile) {

    public UnknownHostKey {
        keys = List.copyOf(keys);
    }

    /** What a prompt shows: one line per key with its SHA256 fingerprint. */
    public String describe() {
        StringBuilder sb = new StringBuilder("The authenticity of host " + hostPattern + " (" + destination
                + ") can't be established.\n");
        for (HostKey k : keys) {
            sb.append("  ").append(k.type()).append(" key fingerprint is ").append(k.fingerprint()).append('\n');
        }
        sb.append("Accepting adds ").append(keys.size() == 1 ? "this key" : "these keys").append(" to ")
                .append(knownHostsFile).append('.');
        return sb.toString();
    }
}
