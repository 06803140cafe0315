package io.iptscope.restore;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iptscope.json.Json;
import java.io.IOException;


import java.nio.charset.StandardCharsets;

import java.nio.file.Files;
import java.nio.file.Path;


import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Snapshots on disk: one {@code ID.rules} file in save format plus {@code ID.json} metadata each, in
 * {@code $XDG_DATA_HOME/iptscope/snapshots} ({@code ~/.local/share/iptscope/snapshots}). Every file is
 * fsynced before it is renamed into place, so a backup that was reported exists after a crash.
 */
public final class SnapshotStore {

    private static final Pattern ID = Pattern.compile("[0-9]{8}-[0-9]{6}-[0-9a-f]{4}");
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = Json.MAPPER;

    private final Path root;

    public SnapshotStore(Path root) {
        this.root = root;
    }

    /** Overrides XDG_DATA_HOME for this JVM: tests keep their snapshots out of the user's store. */
    public static final String DATA_HOME_PROPERTY = "iptscope.data.home";

    public static SnapshotStore defaultStore() {
        String xdg = System.getProperty(DATA_HOME_PROPERTY, System.getenv("XDG_DATA_HOME"));
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return new SnapshotStore(base.resolve("iptscope").resolve("snapshots"));
    }

    public Path root() {
        return root;
    }

    /** A fresh id: the UTC time and four random hex digits, so ids sort by time. */
    public static String newId() {
        byte[] b = new byte[2];
        RANDOM.nextBytes(b);
        return ZonedDateTime.now(ZoneOffset.UTC).format(ID_TIME) + "-" + HexFormat.of().formatHex(b);
    }

    public Snapshot add(SnapshotMeta meta, String rules) throws IOException {
        checkId(meta.id());
        makePrivate();
        byte[] data = rules.getBytes(StandardCharsets.UTF_8);
        SnapshotMeta complete = meta.withChecksum(sha256(data), data.length);
        Path file = root.resolve(meta.id() + ".rules");
        writeDurably(file, data);
        writeDurably(root.resolve(meta.id() + ".json"), Json.PRETTY.writeValueAsBytes(complete));
        return new Snapshot(complete, file);
    }

    public List<Snapshot> list() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        makePrivate();
        List<Snapshot> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(root)) {
            for (Path json : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                String id = json.getFileName().toString().replace(".json", "");
                if (ID.matcher(id).matches()) {
                    get(id).ifPresent(out::add);
                }
            }
        }
        out.sort(Comparator.comparing((Snapshot s) -> s.meta().createdAt()).thenComparing(s -> s.meta().id()));
        return out;
    }

    public Optional<Snapshot> get(String id) throws IOException {
        checkId(id);
        Path json = root.resolve(id + ".json");
        Path file = root.resolve(id + ".rules");
        if (!Files.exists(json) || !Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(new Snapshot(JSON.readValue(json.toFile(), SnapshotMeta.class), file));
    }

    /** The rules of a snapshot, checked against the checksum taken when it was written. */
    public String read(Snapshot s) throws IOException {
        byte[] data = Files.readAllBytes(s.file());
        if (s.meta().sha256() != null && !s.meta().sha256().equals(sha256(data))) {
            throw new IOException("snapshot " + s.meta().id() + " is corrupt: its sha256 does not match " + s.file());
        }
        return new String(data, StandardCharsets.UTF_8);
    }

    public boolean remove(String id) throws IOException {
        checkId(id);
        boolean a = Files.deleteIfExists(root.resolve(id + ".rules"));
        boolean b = Files.deleteIfExists(root.resolve(id + ".json"));
        return a || b;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * Rules and backups reveal a host's firewall: the store is 0700 and its files 0600, also when an
     * older version created them world-readable.
     */
    private void makePrivate() throws IOException {
        PrivateFiles.directory(root);
        try (Stream<Path> files = Files.list(root)) {
            for (Path f : files.toList()) {
                PrivateFiles.tighten(f);
            }
        }
    }

    /** @throws IllegalArgumentException for a malformed id: a usage error, not a finding */
    private static void checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a snapshot id: '" + id + "' (expected e.g. 20261121-153012-ab12)");
        }
    }

    /** Temp file (0600), fsync, atomic rename, fsync of the directory. */
    static void writeDurably(Path target, byte[] data) throws IOException {
        PrivateFiles.writeDurably(target, data);
    }
}
