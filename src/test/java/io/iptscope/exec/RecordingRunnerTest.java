package io.iptscope.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordingRunnerTest {

    @Test
    void recordsEveryCommandWithItsOutcome() {
        CommandLog log = new CommandLog();
        List<CommandRecord> heard = new ArrayList<>();
        log.addListener(heard::add);
        RecordingRunner runner = new RecordingRunner(new LocalRunner(), log);

        runner.run(Command.of("sh", "-c", "printf 12345; printf ab >&2; exit 2"));
        runner.run(Command.of("sleep", "5").withTimeout(Duration.ofMillis(200)));
        runner.runAll(List.of(Command.of("true"), Command.of("false")));

        List<CommandRecord> records = log.snapshot();
        assertEquals(4, records.size());
        CommandRecord first = records.get(0);
        assertEquals(List.of("sh", "-c", "printf 12345; printf ab >&2; exit 2"), first.argv());
        assertEquals(2, first.exitCode());
        assertEquals(5, first.stdoutBytes());
        assertEquals(2, first.stderrBytes());
        assertEquals("local", first.host());
        assertTrue(records.get(1).timedOut());
        assertEquals("timed out", records.get(1).outcome());
        assertEquals(List.of(0, 1), records.subList(2, 4).stream().map(CommandRecord::exitCode).toList());
        assertEquals(records, heard);
    }

    /**
     * Commands of one batch run side by side and their results come back together: each is logged with its own
     * start, so a quick command shows as started with the slow one, not as started after the slow one ended.
     */
    @Test
    void aBatchLogsEachCommandWithItsOwnStart() {
        CommandLog log = new CommandLog();
        RecordingRunner runner = new RecordingRunner(new LocalRunner(), log);

        runner.runAll(List.of(Command.of("sleep", "3"), Command.of("true")));

        CommandRecord slow = log.snapshot().get(0);
        CommandRecord quick = log.snapshot().get(1);
        assertEquals(List.of("true"), quick.argv());
        // Both start together; logged at the end of the batch, the quick one would seem to start 3 s late.
        assertTrue(quick.startedAt().isBefore(slow.startedAt().plusMillis(1500)), "the quick command started at "
                + quick.startedAt() + ", the slow one at " + slow.startedAt());
    }
}
