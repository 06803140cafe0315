package io.iptscope.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.testing.TestSshd;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Strict host keys: unknown hosts only after the user accepted the fingerprint, changed keys never. */
class HostKeysTest {

    /** A different ed25519 key: what a reinstalled host or an interceptor would present. */
    private static final String OTHER_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDX7S1b2DFovTIvwJsR+itzf9CSTTOqdSIH7dnUwKFp7";

    private static TestSshd sshd;

    @TempDir
    Path controlDir;

    @BeforeAll
    static void startServer() {
        sshd = TestSshd.start();
    }

    @AfterAll
    static void stopServer() {
        if (sshd != null) {
            sshd.close();
        }
    }

    /** Records what it was shown and answers as told. */
    private static final class Answer implements HostKeyPrompt {
        final boolean accept;
        final List<UnknownHostKey> shown = new ArrayList<>();

        Answer(boolean accept) {
            this.accept = accept;
        }

        @Override
        public boolean accept(UnknownHostKey key) {
            shown.add(key);
            return accept;
        }
    }

    @Test
    void anUnknownHostIsRefusedWithoutAcceptanceAndNothingRuns() {
        sshd.writeKnownHosts("");
        long logins = sshd.acceptedLogins();
        Answer no = new Answer(false);
        try (SshRunner ssh = new SshRunner(sshd.target(), controlDir, no)) {
            SshConnectionException e = assertThrows(SshConnectionException.class,
                    () -> ssh.run(Command.of("touch", "/tmp/iptscope-must-not-exist")));
            assertEquals(SshConnectionException.Reason.UNKNOWN_HOST_KEY, e.reason());
            assertTrue(e.getMessage().contains(sshd.fingerprint()), e.getMessage());
            assertEquals(ConnectionState.FAILED, ssh.state());
        }
        assertEquals(1, no.shown.size());
        UnknownHostKey shown = no.shown.get(0);
        assertEquals("[127.0.0.1]:" + sshd.port(), shown.hostPattern());
        assertEquals(List.of(sshd.fingerprint()), shown.keys().stream().map(HostKey::fingerprint).toList());
        assertEquals(sshd.knownHosts().toString(), shown.knownHostsFile());
        assertTrue(shown.describe().contains(sshd.fingerprint()), shown.describe());
        assertEquals("", sshd.readKnownHosts(), "nothing added");
        assertEquals(logins, sshd.acceptedLogins(), "never logged in");
        assertTrue(!java.nio.file.Files.exists(Path.of("/tmp/iptscope-must-not-exist")));
    }

    @Test
    void extraOptionsThatCouldWeakenHostKeyCheckingAreRefusedBeforeAnythingRuns() {
        for (String weakening : List.of("StrictHostKeyChecking=no", "BatchMode=no", "KnownHostsCommand=/bin/echo",
                "UserKnownHostsFile=/dev/null", "GlobalKnownHostsFile=/tmp/x", "ProxyCommand=nc %h %p",
                "LocalCommand=touch /tmp/x", "PermitLocalCommand=yes", "RemoteCommand=id", "CheckHostIP=no",
                "UpdateHostKeys=yes", "VerifyHostKeyDNS=yes", "HostKeyAlias=other", "Include=/tmp/x")) {
            List<String> options = new ArrayList<>(sshd.clientOptions());
            options.addAll(List.of("-o", weakening));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new SshTarget(TestSshd.DESTINATION, options), weakening);
            assertTrue(e.getMessage().contains("is not allowed"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new SshTarget(TestSshd.DESTINATION, List.of("-v")));
    }

    @Test
    void anAcceptedHostIsAddedToKnownHostsAndThenNeedsNoPrompt() {
        sshd.writeKnownHosts("# the user's own comment, without a final newline");
        Answer yes = new Answer(true);
        try (SshRunner ssh = new SshRunner(sshd.target(), controlDir, yes)) {
            assertEquals("0\n", ssh.run(Command.of("id", "-u")).stdoutText());
        }
        assertEquals(1, yes.shown.size());
        assertEquals("# the user's own comment, without a final newline\n" + sshd.knownHostsLine() + "\n",
                sshd.readKnownHosts());
        Answer never = new Answer(false);
        try (SshRunner again = new SshRunner(sshd.target(), controlDir, never)) {
            assertTrue(again.run(Command.of("true")).ok());
        }
        assertEquals(List.of(), never.shown);
    }

    @Test
    void aChangedHostKeyIsRefusedWithAnExplanationAndNeverPrompted() {
        String tampered = "[127.0.0.1]:" + sshd.port() + " " + OTHER_KEY + "\n";
        sshd.writeKnownHosts(tampered);
        long logins = sshd.acceptedLogins();
        Answer yes = new Answer(true);
        try (SshRunner ssh = new SshRunner(sshd.target(), controlDir, yes)) {
            SshConnectionException e = assertThrows(SshConnectionException.class, () -> ssh.run(Command.of("true")));
            assertEquals(SshConnectionException.Reason.HOST_KEY_CHANGED, e.reason());
            assertTrue(e.getMessage().contains("REMOTE HOST IDENTIFICATION HAS CHANGED"), e.getMessage());
            assertTrue(e.getMessage().contains(sshd.knownHosts() + " line 1"), e.getMessage());
            assertTrue(e.getMessage().contains("ssh-keygen -R"), e.getMessage());
        } finally {
            assertEquals(tampered, sshd.readKnownHosts(), "known_hosts untouched");
            sshd.trustHostKey();
        }
        assertEquals(List.of(), yes.shown, "a changed key is never offered for acceptance");
        assertEquals(logins, sshd.acceptedLogins());
    }

    @Test
    void theFingerprintIsTheOneSshKeygenPrints() {
        String[] key = sshd.publicKey().split(" ");
        assertEquals(sshd.fingerprint(), new HostKey(key[0], key[1]).fingerprint());
        assertEquals(null, HostKey.fromScanLine("# 127.0.0.1:22 SSH-2.0-OpenSSH_9.2p1"));
        assertEquals(new HostKey(key[0], key[1]), HostKey.fromScanLine("[127.0.0.1]:2222 " + sshd.publicKey()));
        assertThrows(IllegalArgumentException.class, () -> new HostKey("ssh-ed25519 x", key[1]));
    }
}
