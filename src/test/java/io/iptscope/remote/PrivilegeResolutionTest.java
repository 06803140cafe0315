package io.iptscope.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.exec.Command;
import io.iptscope.exec.CommandResult;
import io.iptscope.exec.CommandRunner;
import io.iptscope.exec.Privilege;
import io.iptscope.exec.PrivilegeException;
import io.iptscope.exec.PrivilegeMode;
import io.iptscope.exec.PrivilegedRunner;
import io.iptscope.exec.SessionPassword;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How "auto" settles the privilege of a remote host, against a scripted host. */
class PrivilegeResolutionTest {

    /** A non-root host whose sudo wants {@code password} (or none when null). */
    private static final class FakeHost implements CommandRunner {
        final String uid;
        final String password;
        final List<Command> seen = new ArrayList<>();

        FakeHost(String uid, String password) {
            this.uid = uid;
            this.password = password;
        }

        @Override
        public CommandResult run(Command c) {
            seen.add(c);
            List<String> argv = c.argv();
            if (argv.equals(List.of("id", "-u"))) {
                return result(c, 0, uid + "\n", "");
            }
            if (argv.get(0).equals("sudo") && argv.get(1).equals("-n")) {
                return password == null ? result(c, 0, "", "")
                        : result(c, 1, "", "sudo: a password is required\n");
            }
            if (argv.get(0).equals("sudo") && argv.get(1).equals("-S")) {
                String line = new String(c.stdin(), StandardCharsets.UTF_8).split("\n", 2)[0];
                return line.equals(password) ? result(c, 0, "", "") : result(c, 1, "", "sudo: 1 incorrect password attempt\n");
            }
            return result(c, 0, "", "");
        }

        @Override
        public String host() {
            return "fake";
        }

        private static CommandResult result(Command c, int exit, String out, String err) {
            return new CommandResult(c, exit, out.getBytes(StandardCharsets.UTF_8), err.getBytes(StandardCharsets.UTF_8),
                    Duration.ZERO, false, null);
        }
    }

    private static SessionPassword answering(String answer, AtomicInteger asked) {
        return new SessionPassword(q -> {
            asked.incrementAndGet();
            return Optional.of(answer.toCharArray());
        }, "sudo password for fake");
    }

    @Test
    void rootIsDirect() {
        AtomicInteger asked = new AtomicInteger();
        Privilege p = RemoteHost.resolve(PrivilegeMode.AUTO, new FakeHost("0", "pw"), answering("pw", asked), "h");
        assertInstanceOf(Privilege.Direct.class, p);
        assertEquals(0, asked.get());
    }

    @Test
    void passwordlessSudoIsSudoN() {
        AtomicInteger asked = new AtomicInteger();
        Privilege p = RemoteHost.resolve(PrivilegeMode.AUTO, new FakeHost("1000", null), answering("x", asked), "h");
        assertInstanceOf(Privilege.SudoNoPassword.class, p);
        assertEquals(0, asked.get());
    }

    @Test
    void otherwiseThePasswordIsAskedOnceAndReusedForEveryCommand() {
        AtomicInteger asked = new AtomicInteger();
        FakeHost host = new FakeHost("1000", "s3cret");
        Privilege p = RemoteHost.resolve(PrivilegeMode.AUTO, host, answering("s3cret", asked), "h");
        assertInstanceOf(Privilege.SudoPassword.class, p);
        PrivilegedRunner runner = new PrivilegedRunner(host, p);
        assertTrue(runner.run(Command.of("iptables-save")).ok());
        assertTrue(runner.run(Command.of("iptables-save")).ok());
        assertEquals(1, asked.get(), "asked once per host and session");
        // Probed once: who it is, whether sudo needs a password, then the password's proof.
        assertEquals(List.of(List.of("id", "-u"), List.of("sudo", "-n", "--", "true")),
                host.seen.subList(0, 2).stream().map(Command::argv).toList());
        assertEquals(1, host.seen.stream().filter(c -> c.argv().equals(List.of("id", "-u"))).count(),
                host.seen.toString());
        assertEquals(List.of("sudo", "-S", "-k", "-p", "", "--", "iptables-save"),
                host.seen.get(host.seen.size() - 1).argv());
    }

    @Test
    void aWrongPasswordIsRefusedAndForgotten() {
        AtomicInteger asked = new AtomicInteger();
        SessionPassword password = answering("wrong", asked);
        assertThrows(PrivilegeException.class,
                () -> RemoteHost.resolve(PrivilegeMode.SUDO_PASSWORD, new FakeHost("1000", "right"), password, "h"));
        password.get();
        assertEquals(2, asked.get(), "forgotten, so asked again");
    }

    @Test
    void explicitModesAreTakenAsGiven() {
        FakeHost host = new FakeHost("0", null);
        assertInstanceOf(Privilege.SudoNoPassword.class,
                RemoteHost.resolve(PrivilegeMode.SUDO_N, host, answering("x", new AtomicInteger()), "h"));
        assertInstanceOf(Privilege.Direct.class,
                RemoteHost.resolve(PrivilegeMode.DIRECT, host, answering("x", new AtomicInteger()), "h"));
        assertEquals(List.of(), host.seen, "nothing probed");
    }
}
