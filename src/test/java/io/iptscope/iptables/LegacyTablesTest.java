package io.iptscope.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.discover.BinaryInfo;
import io.iptscope.discover.BinarySource;
import io.iptscope.discover.ToolKind;
import io.iptscope.exec.LocalRunner;
import io.iptscope.exec.NetnsTarget;
import io.iptscope.iptables.Discovery;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.testing.TestNetns;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The read-only rule: what the names file says, and no legacy save before it lists a table. */
class LegacyTablesTest {

    private static final Duration T = Duration.ofSeconds(10);

    private static Endpoint endpoint(NetnsTarget target) {
        LocalRunner runner = new LocalRunner();
        return new Endpoint(runner, target, new Discovery(runner, T).discover(new BinarySource.ProcessPath()), T);
    }

    @Test
    void theNamesFileDecidesWhetherLegacyIsReadAndASaveWithoutItIsRefused() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            Endpoint ep = endpoint(ns.target());
            LegacyTables empty = LegacyTables.of(Family.IPV4, ep.run(ep.legacyNames(Family.IPV4)));
            assertEquals(LegacyTables.Status.EMPTY, empty.status());
            BinaryInfo save = ep.binary(Backend.LEGACY, Family.IPV4, ToolKind.SAVE).orElseThrow();
            assertThrows(IllegalStateException.class, () -> ep.save(save, false, empty));
            Read read = ep.read(Backend.LEGACY, Family.IPV4, false);
            assertTrue(read.noLegacyTables());
            assertEquals(null, read.result(), "a legacy save ran although no table exists");

            ns.restore("iptables-legacy-restore", "*nat\n:PREROUTING ACCEPT [0:0]\nCOMMIT\n");
            LegacyTables listed = LegacyTables.of(Family.IPV4, ep.run(ep.legacyNames(Family.IPV4)));
            assertEquals(List.of("nat"), listed.names());
            assertTrue(ep.read(Backend.LEGACY, Family.IPV4, false).result().stdoutText().contains("*nat"));
            assertEquals("nat\n", ns.exec("cat", Quirks.legacyNamesFile(Family.IPV4)).stdoutText(),
                    "reading created a table");
        }
    }

    @Test
    void aNetnsThatIsGoneIsAFailureNotAnAbsentNamesFile() {
        Endpoint ep = endpoint(new NetnsTarget.Named(TestNetns.PREFIX + "gone-" + ProcessHandle.current().pid()));
        LegacyTables gone = LegacyTables.of(Family.IPV4, ep.run(ep.legacyNames(Family.IPV4)));
        assertEquals(LegacyTables.Status.FAILED, gone.status(), gone.read().summary());
    }
}
