package io.iptscope.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batch script run by a real local {@code sh -s}, as the remote side runs it. */
class RemoteBatchTest {

    private static List<CommandResult> run(List<Command> commands) {
        RemoteBatch batch = new RemoteBatch(commands);
        CommandResult r = new LocalRunner().run(Command.of("sh", "-s")
                .withStdin(batch.script().getBytes(StandardCharsets.UTF_8)).withTimeout(Duration.ofSeconds(30)));
        return batch.results(r);
    }

    @Test
    void eachCommandKeepsItsOwnExitCodeStdoutAndStderr() {
        String hostile = "it's $(not run) `x` \"q\" ; | & \u00e4";
        List<CommandResult> r = run(List.of(
                Command.of("printf", "%s", hostile),
                Command.of("sh", "-c", "echo out; echo err >&2; exit 3"),
                // Output that looks like a frame header, without a trailing newline.
                Command.of("printf", "@0 0 1 1 1\n@iptscope-batch x\nno newline"),
                Command.of("head", "-c", "300000", "/dev/zero")));
        assertEquals(hostile, r.get(0).stdoutText());
        assertEquals(0, r.get(0).exitCode());
        assertEquals("out\n", r.get(1).stdoutText());
        assertEquals("err\n", r.get(1).stderrText());
        assertEquals(3, r.get(1).exitCode());
        assertEquals("@0 0 1 1 1\n@iptscope-batch x\nno newline", r.get(2).stdoutText());
        assertArrayEquals(new byte[300000], r.get(3).stdout());
        assertEquals(Command.of("printf", "%s", hostile), r.get(0).command());
    }

    @Test
    void aHungCommandTimesOutAloneWhileTheOthersComplete() {
        List<CommandResult> r = run(List.of(
                Command.of("sleep", "30").withTimeout(Duration.ofMillis(500)),
                Command.of("echo", "fine")));
        assertTrue(r.get(0).timedOut());
        assertEquals(-1, r.get(0).exitCode());
        assertFalse(r.get(1).timedOut());
        assertEquals("fine\n", r.get(1).stdoutText());
    }

    @Test
    void aMissingProgramIsNotFound() {
        List<CommandResult> r = run(List.of(Command.of("iptscope-no-such-binary"), Command.of("true")));
        assertTrue(r.get(0).notFound(), r.get(0).summary());
        assertTrue(r.get(1).ok());
    }

    @Test
    void aBatchThatPrintedNoFramesFailsEveryCommand() {
        RemoteBatch batch = new RemoteBatch(List.of(Command.of("true"), Command.of("false")));
        CommandResult broken = new CommandResult(Command.of("sh", "-s"), 127, null,
                "sh: not found\n".getBytes(StandardCharsets.UTF_8), Duration.ZERO, false, null);
        List<CommandResult> r = batch.results(broken);
        assertEquals(2, r.size());
        assertTrue(r.stream().noneMatch(CommandResult::ok));
        assertTrue(r.get(0).stderrText().contains("sh: not found"), r.get(0).stderrText());
    }

    @Test
    void commandsWithStdinAreNotBatched() {
        List<Command> withInput = List.of(Command.of("cat").withStdin(new byte[] {1}), Command.of("true"));
        assertFalse(RemoteBatch.batchable(withInput));
        assertThrows(IllegalArgumentException.class, () -> new RemoteBatch(withInput));
    }
}
