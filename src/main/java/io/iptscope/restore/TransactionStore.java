package io.iptscope.restore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iptscope.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The restores not yet settled, one JSON file each beside the snapshots, so that {@code iptscope confirm ID}
 * finds them. Written before anything is applied; private to the user (0700 directory, 0600 files), and
 * read back as untrusted input ({@link RecordValidator}).
 */
public final class TransactionStore {

    private static final Pattern ID = Pattern.compile("[0-9]{8}-[0-9]{6}-[0-9a-f]{4}");
    private static final ObjectMapper JSON = Json.MAPPER;

    private final Path root;

    public TransactionStore(Path root) {
        this.root = root;
    }

    /** {@code transactions/} next to the snapshot store's directory. */
    public static TransactionStore beside(SnapshotStore snapshots) {
        return new TransactionStore(snapshots.root().resolveSibling("transactions"));
    }

    public Path root() {
        return root;
    }

    public static boolean validId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public void put(TransactionRecord record) throws IOException {
        PrivateFiles.directory(root);
        PrivateFiles.writeDurably(file(record.id()), Json.PRETTY.writeValueAsBytes(record));
    }

    /** The record of {@code id}, checked as a file (ours, private, not a link) and as content. */
    public Optional<TransactionRecord> get(String id) throws IOException {
        Path f = file(id);
        if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        PrivateFiles.checkTrusted(f);
        TransactionRecord rec;
        try {
            rec = JSON.readValue(f.toFile(), TransactionRecord.class);
        } catch (JsonProcessingException e) {
            throw new IOException("the record " + f + " is not a transaction record: " + e.getOriginalMessage());
        }
        if (rec == null) {
            throw new IOException("the record " + f + " is empty");
        }
        return Optional.of(rec);
    }

    /** @throws IllegalArgumentException for a malformed id: a usage error, not a finding */
    private Path file(String id) {
        if (!validId(id)) {
            throw new IllegalArgumentException("not a restore id: '" + id + "' (expected e.g. 20261121-153012-ab12)");
        }
        return root.resolve(id + ".json");
    }
}
