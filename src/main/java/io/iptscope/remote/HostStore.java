package io.iptscope.remote;

import io.iptscope.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The remembered hosts, as JSON in the user's config directory
 * ({@code $XDG_CONFIG_HOME/iptscope/hosts.json}, by default {@code ~/.config/iptscope/hosts.json}).
 * It holds names, destinations and privilege modes only, never a password.
 */
public final class HostStore {

    /** The file's shape: an object, so later versions can add fields next to the list. */
    record HostsFile(List<HostEntry> hosts) {
        HostsFile {
            hosts = hosts == null ? List.of() : List.copyOf(hosts);
        }
    }

    private final Path file;

    public HostStore(Path file) {
        this.file = file;
    }

    /** Overrides XDG_CONFIG_HOME for this JVM: tests keep their hosts out of the user's file. */
    public static final String CONFIG_HOME_PROPERTY = "iptscope.config.home";

    /** The store of the user running iptscope. */
    public static HostStore forUser() {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        String override = System.getProperty(CONFIG_HOME_PROPERTY);
        if (override != null) {
            env.put("XDG_CONFIG_HOME", override);
        }
        return new HostStore(defaultFile(env, System.getProperty("user.home")));
    }

    static Path defaultFile(Map<String, String> env, String home) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && xdg.startsWith("/") ? Path.of(xdg) : Path.of(home, ".config");
        return base.resolve("iptscope").resolve("hosts.json");
    }

    public Path file() {
        return file;
    }

    public synchronized List<HostEntry> list() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        HostsFile read;
        try {
            // Json's mappers are made on first use: the window's first frame, which lists the hosts, needs none
            // when there is no file (issue 13, start fast).
            read = Json.MAPPER.readValue(file.toFile(), HostsFile.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(unusable(e.getOriginalMessage()));
        }
        if (read == null) {
            throw new IOException(unusable("it holds null, not {\"hosts\": [...]}"));
        }
        return read.hosts();
    }

    public synchronized Optional<HostEntry> find(String name) throws IOException {
        return list().stream().filter(h -> h.name().equals(name)).findFirst();
    }

    private String unusable(String why) {
        return "the saved hosts file " + file + " is not usable: " + why + ". Nothing was changed; fix or remove it "
                + "(it holds only names, destinations and privilege modes).";
    }

    /** Adds the host, or replaces the one with the same name (keeping its place in the list). */
    public synchronized void put(HostEntry entry) throws IOException {
        List<HostEntry> hosts = new ArrayList<>(list());
        int at = indexOf(hosts, entry.name());
        if (at < 0) {
            hosts.add(entry);
        } else {
            hosts.set(at, entry);
        }
        write(hosts);
    }

    public synchronized boolean remove(String name) throws IOException {
        List<HostEntry> hosts = new ArrayList<>(list());
        int at = indexOf(hosts, name);
        if (at < 0) {
            return false;
        }
        hosts.remove(at);
        write(hosts);
        return true;
    }

    private static int indexOf(List<HostEntry> hosts, String name) {
        for (int i = 0; i < hosts.size(); i++) {
            if (hosts.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Written beside the target and moved over it, so a crash never leaves half a file. */
    private void write(List<HostEntry> hosts) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path tmp = Files.createTempFile(dir, ".hosts-", ".json",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Json.PRETTY.writeValue(tmp.toFile(), new HostsFile(hosts));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
