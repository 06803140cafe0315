package io.iptscope.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrivilegedRunnerTest {

    /** Records what reaches the machine and answers with the stdin it got. */
    private static final class Recorder implements CommandRunner {
        final List<Command> seen = new ArrayList<>();
        /** Standard input as it arrived: the runner wipes the copy that carried a password after the run. */
        final List<String> stdins = new ArrayList<>();

        @Override
        public CommandResult run(Command command) {
            seen.add(command);
            stdins.add(command.stdin() == null ? null : new String(command.stdin(), StandardCharsets.UTF_8));
            return new CommandResult(command, 0, command.stdin(), null, java.time.Duration.ZERO, false, null);
        }

        @Override
        public String host() {
            return "recorder";
        }
    }

    @Test
    void sudoNoPasswordPrefixesTheArgv() {
        Recorder r = new Recorder();
        new PrivilegedRunner(r, new Privilege.SudoNoPassword()).run(Command.of("nsenter", "--net=/run/netns/x", "--", "true"));
        assertEquals(List.of("sudo", "-n", "--", "nsenter", "--net=/run/netns/x", "--", "true"), r.seen.get(0).argv());
    }

    @Test
    void thePasswordGoesInFrontOfStdinAndIsNotHandedBack() {
        Recorder r = new Recorder();
        char[] secret = "s3cr3t".toCharArray();
        PrivilegedRunner runner = new PrivilegedRunner(r, new Privilege.SudoPassword(secret::clone));
        byte[] input = "*filter\nCOMMIT\n".getBytes(StandardCharsets.UTF_8);
        CommandResult result = runner.run(Command.of("iptables-restore").withStdin(input));

        Command sent = r.seen.get(0);
        assertEquals(List.of("sudo", "-S", "-k", "-p", "", "--", "iptables-restore"), sent.argv());
        assertEquals("s3cr3t\n*filter\nCOMMIT\n", r.stdins.get(0));
        assertArrayEquals(input, result.command().stdin(), "the caller sees its own stdin");
        assertFalse(new String(result.command().stdin(), StandardCharsets.UTF_8).contains("s3cr3t"));
        assertEquals("sudo", result.command().program());
        assertFalse(new Privilege.SudoPassword(secret::clone).toString().contains("s3cr3t"));
    }

    @Test
    void directChangesNothingAndSudoReallyRunsWhenPresent() {
        Recorder r = new Recorder();
        new PrivilegedRunner(r, new Privilege.Direct()).run(Command.of("id", "-u"));
        assertEquals(List.of("id", "-u"), r.seen.get(0).argv());
        CommandResult viaSudo = new PrivilegedRunner(new LocalRunner(), new Privilege.SudoNoPassword())
                .run(Command.of("id", "-u"));
        // As root sudo -n answers at once; without sudo installed the launch error names it.
        assertTrue(viaSudo.ok() ? viaSudo.stdoutText().strip().equals("0") : viaSudo.summary().contains("sudo"),
                viaSudo.summary());
    }
}
