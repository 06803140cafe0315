package io.iptscope.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.exec.PrivilegeMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostStoreTest {

    @TempDir
    Path home;

    @Test
    void hostsSurviveARoundTripInOrderAndReplaceByName() throws Exception {
        HostStore store = new HostStore(home.resolve("cfg/iptscope/hosts.json"));
        assertEquals(List.of(), store.list());
        HostEntry node1 = new HostEntry("node1", "root@node1", PrivilegeMode.DIRECT);
        HostEntry node2 = new HostEntry("node2", "ssh://admin@10.0.0.2:2222", PrivilegeMode.SUDO_PASSWORD);
        store.put(node1);
        store.put(node2);
        store.put(new HostEntry("node1", "root@node1.example", PrivilegeMode.AUTO));
        HostStore reread = new HostStore(store.file());
        assertEquals(List.of(new HostEntry("node1", "root@node1.example", PrivilegeMode.AUTO), node2), reread.list());
        assertEquals("ssh://admin@10.0.0.2:2222", reread.find("node2").orElseThrow().destination());
        assertTrue(reread.remove("node1"));
        assertFalse(reread.remove("node1"));
        assertEquals(List.of(node2), reread.list());
    }

    @Test
    void theFileHoldsNoSecretAndOnlyItsOwnerCanReadIt() throws Exception {
        HostStore store = new HostStore(home.resolve("iptscope/hosts.json"));
        store.put(new HostEntry("n", "root@n", PrivilegeMode.SUDO_PASSWORD));
        String json = Files.readString(store.file());
        assertTrue(json.contains("\"privilege\" : \"sudo-password\""), json);
        assertFalse(json.toLowerCase().contains("password\" :"), json);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file().getParent())));
    }

    @Test
    void theFileLivesInTheXdgConfigDirectory() {
        assertEquals(Path.of("/x/cfg/iptscope/hosts.json"), HostStore.defaultFile(Map.of("XDG_CONFIG_HOME", "/x/cfg"), "/home/u"));
        assertEquals(Path.of("/home/u/.config/iptscope/hosts.json"), HostStore.defaultFile(Map.of(), "/home/u"));
        assertEquals(Path.of("/home/u/.config/iptscope/hosts.json"),
                HostStore.defaultFile(Map.of("XDG_CONFIG_HOME", "relative"), "/home/u"), "relative values are ignored");
    }

    @Test
    void invalidEntriesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new HostEntry("a b", "root@n", PrivilegeMode.AUTO));
        assertThrows(IllegalArgumentException.class, () -> new HostEntry("n", "-oProxyCommand=x", PrivilegeMode.AUTO));
        assertThrows(IllegalArgumentException.class, () -> PrivilegeMode.parse("accept-all"));
        assertEquals("node1", HostEntry.of("ssh://node1", null).name());
        assertEquals("root@_::1_", HostEntry.of("root@[::1]", null).name());
        assertEquals(PrivilegeMode.AUTO, HostEntry.of("node1", null).privilege());
    }
}
