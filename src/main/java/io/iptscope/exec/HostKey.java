package io.iptscope.exec;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/** One public host key as known_hosts and ssh-keyscan write it: type and base64 blob. */
public record HostKey(String type, String base64) {

    private static final Pattern TYPE = Pattern.compile("[a-z0-9@.-]+");

    public HostKey {
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("invalid key type '" + type + "'");
        }
        Base64.getDecoder().decode(base64);
    }

    /** {@code SHA256:...} exactly as {@code ssh-keygen -l} and ssh's own prompt print it. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(base64));
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The line for known_hosts, for the host pattern {@code hostPattern} ({@code host} or {@code [host]:port}). */
    public String knownHostsLine(String hostPattern) {
        return hostPattern + " " + type + " " + base64;
    }

    /** Parses an {@code ssh-keyscan} output line ({@code host type base64}); comments give null. */
    static HostKey fromScanLine(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return null;
        }
        String[] f = trimmed.split("\\s+");
        if (f.length < 3) {
            return null;
        }
        try {
            return new HostKey(f[1], f[2]);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return type + " " + fingerprint();
    }
}
