package io.iptscope.restore;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iptscope.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The armed restores, one JSON file each beside the snapshots, so that {@code iptscope confirm ID} finds them. */
public final class TransactionStore {

    private static final ObjectMapper JSON = Json.MAPPER;

    private final Path root;

    public TransactionStore(Path root) {
        this.root = root;
    }

    /** {@code transactions/} next to the snapshot store's directory. */
    public static TransactionStore beside(SnapshotStore snapshots) {
        return new TransactionStore(snapshots.root().resolveSibling("transactions"));
    }

    public void put(TransactionRecord record) throws IOException {
        Files.createDirectories(root);
        SnapshotStore.writeDurably(file(record.id()), Json.PRETTY.writeValueAsBytes(record));
    }

    public Optional<TransactionRecord> get(String id) throws IOException {
        Path f = file(id);
        return Files.exists(f) ? Optional.of(JSON.readValue(f.toFile(), TransactionRecord.class)) : Optional.empty();
    }

    private Path file(String id) throws IOException {
        if (!id.matches("[0-9]{8}-[0-9]{6}-[0-9a-f]{4}")) {
            throw new IOException("not a restore id: '" + id + "'");
        }
        return root.resolve(id + ".json");
    }
}
