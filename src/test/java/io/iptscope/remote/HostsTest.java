package io.iptscope.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.exec.Command;
import io.iptscope.exec.ConnectionState;
import io.iptscope.exec.HostKeyPrompt;
import io.iptscope.exec.PrivilegeMode;
import io.iptscope.testing.TestSshd;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session's host list against the test sshd: add, connect, state, reconnect, remove. */
class HostsTest {

    @TempDir
    Path config;

    @Test
    void aSavedHostConnectsShowsItsStateAndIsClosedWhenRemoved() throws Exception {
        try (TestSshd sshd = TestSshd.start();
             Hosts hosts = new Hosts(new HostStore(config.resolve("hosts.json")), sshd.clientOptions(),
                     HostKeyPrompt.REFUSE, q -> Optional.empty())) {
            RemoteHost node = hosts.add(new HostEntry("node", TestSshd.DESTINATION, PrivilegeMode.AUTO));
            List<ConnectionState> states = new CopyOnWriteArrayList<>();
            node.addStateListener(states::add);
            assertEquals(ConnectionState.DISCONNECTED, node.state());
            assertEquals("0\n", node.runner().run(Command.of("id", "-u")).stdoutText());
            assertEquals(ConnectionState.CONNECTED, node.state());
            assertSame(node, hosts.session("node").orElseThrow(), "one session per host");
            assertEquals(List.of("node"), hosts.list().stream().map(HostEntry::name).toList());

            node.reconnect();
            assertEquals(ConnectionState.CONNECTED, node.state());
            assertEquals(List.of(ConnectionState.CONNECTING, ConnectionState.CONNECTED, ConnectionState.DISCONNECTED,
                    ConnectionState.CONNECTING, ConnectionState.CONNECTED), states);

            RemoteHost replaced = hosts.add(new HostEntry("node", TestSshd.DESTINATION, PrivilegeMode.DIRECT));
            assertNotSame(node, replaced);
            assertEquals(ConnectionState.DISCONNECTED, node.state(), "the old session ended");

            assertTrue(hosts.remove("node"));
            assertEquals(ConnectionState.DISCONNECTED, replaced.state());
            assertEquals(List.of(), hosts.list());
            assertEquals(Optional.empty(), hosts.session("node"));
        }
    }
}
