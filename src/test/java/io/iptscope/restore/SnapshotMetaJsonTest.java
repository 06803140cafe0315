package io.iptscope.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.iptscope.json.Json;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshot metadata written by earlier versions (every field a string) is read, and written back byte for byte. */
class SnapshotMetaJsonTest {

    /** As {@link SnapshotStore#add} wrote a restore's backup before kind, backend, family and time were typed. */
    private static final String BACKUP = """
            {
              "id" : "20261202-070000-ab12",
              "kind" : "backup",
              "host" : "local",
              "netns" : "netns:blue",
              "backend" : "legacy",
              "family" : "ipv6",
              "tables" : [ "filter", "nat" ],
              "createdAt" : "2026-12-02T07:00:00.123456789Z",
              "toolVersion" : "0.9.0",
              "iptablesVersion" : "1.8.11",
              "counters" : true,
              "sha256" : "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
              "bytes" : 1234,
              "transaction" : "20261202-065959-cd34",
              "note" : "before restoring input"
            }""";

    /** A save with what it may lack left null, taken at a whole second (the time then has no fraction). */
    private static final String SAVE = """
            {
              "id" : "20261202-070001-cd56",
              "kind" : "save",
              "host" : "local",
              "netns" : "netns:blue",
              "backend" : "nft",
              "family" : "ipv4",
              "tables" : [ ],
              "createdAt" : "2026-12-02T07:00:01Z",
              "toolVersion" : "0.9.0",
              "iptablesVersion" : null,
              "counters" : false,
              "sha256" : null,
              "bytes" : 0,
              "transaction" : null,
              "note" : null
            }""";

    @Test
    void metadataOnDiskFromEarlierVersionsIsReadIntoTheTypesAndWrittenBackIdentically(@TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("20261202-070000-ab12.json"), BACKUP);
        Files.writeString(dir.resolve("20261202-070000-ab12.rules"), "*filter\nCOMMIT\n");
        Files.writeString(dir.resolve("20261202-070001-cd56.json"), SAVE);
        Files.writeString(dir.resolve("20261202-070001-cd56.rules"), "");
        List<Snapshot> listed = new SnapshotStore(dir).list();
        assertEquals(2, listed.size());

        SnapshotMeta backup = listed.get(0).meta();
        assertEquals(new SnapshotMeta("20261202-070000-ab12", SnapshotMeta.Kind.BACKUP, "local", "netns:blue",
                Backend.LEGACY, Family.IPV6, List.of("filter", "nat"), Instant.parse("2026-12-02T07:00:00.123456789Z"),
                "0.9.0", "1.8.11", true, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", 1234,
                "20261202-065959-cd34", "before restoring input"), backup);
        SnapshotMeta save = listed.get(1).meta();
        assertEquals(SnapshotMeta.Kind.SAVE, save.kind());
        assertEquals(Backend.NFT, save.backend());
        assertEquals(Family.IPV4, save.family());

        assertEquals(BACKUP, Json.PRETTY.writeValueAsString(backup));
        assertEquals(SAVE, Json.PRETTY.writeValueAsString(save));
    }
}
