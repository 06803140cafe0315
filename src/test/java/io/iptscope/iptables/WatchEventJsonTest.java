package io.iptscope.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.iptscope.json.Json;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The JSON lines of {@code iptscope watch --json} keep the shape they had when every field was a string. */
class WatchEventJsonTest {

    @Test
    void aChangeIsOneLineOfStringsWithTheInstantAsIso8601() throws Exception {
        String line = "{\"time\":\"2026-12-02T07:00:00.123456789Z\",\"type\":\"rule-added\",\"backend\":\"nft\","
                + "\"family\":\"ipv6\",\"table\":\"filter\",\"chain\":\"INPUT\",\"rule\":\"-A INPUT -j DROP\","
                + "\"detail\":\"position 0\",\"writer\":\"iptables-nft[42]\"}";
        WatchEvent e = new WatchEvent(Instant.parse("2026-12-02T07:00:00.123456789Z"), WatchEvent.Type.RULE_ADDED,
                Backend.NFT, Family.IPV6, "filter", "INPUT", "-A INPUT -j DROP", "position 0", "iptables-nft[42]");
        assertEquals(line, Json.MAPPER.writeValueAsString(e));
        assertEquals(e, Json.MAPPER.readValue(line, WatchEvent.class));
    }

    @Test
    void anEventAboutTheWatchItselfLeavesOutWhatItLacks() throws Exception {
        String line = "{\"time\":\"2026-12-02T07:00:01Z\",\"type\":\"watch-lost\",\"detail\":\"reads failed\"}";
        WatchEvent e = new WatchEvent(Instant.parse("2026-12-02T07:00:01Z"), WatchEvent.Type.WATCH_LOST, null, null,
                null, null, null, "reads failed", null);
        assertEquals(line, Json.MAPPER.writeValueAsString(e));
        assertEquals(e, Json.MAPPER.readValue(line, WatchEvent.class));
    }

    @Test
    void everyTypeIsWrittenAsItsId() throws Exception {
        for (WatchEvent.Type t : WatchEvent.Type.values()) {
            String id = t.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            assertEquals("\"" + id + "\"", Json.MAPPER.writeValueAsString(t));
            assertEquals(t, Json.MAPPER.readValue("\"" + id + "\"", WatchEvent.Type.class));
        }
    }
}
