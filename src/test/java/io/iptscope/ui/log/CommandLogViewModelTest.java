package io.iptscope.ui.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.exec.Command;
import io.iptscope.exec.CommandLog;
import io.iptscope.exec.LocalRunner;
import io.iptscope.exec.RecordingRunner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLogViewModelTest {

    @Test
    void commandsArriveThroughTheUiExecutorAndCopyAsText() {
        CommandLog log = new CommandLog();
        List<Runnable> posted = new ArrayList<>();
        CommandLogViewModel vm = new CommandLogViewModel(log, posted::add);
        RecordingRunner runner = new RecordingRunner(new LocalRunner(), log);
        runner.run(Command.of("true"));
        runner.run(Command.of("false"));
        assertTrue(vm.records().isEmpty(), "nothing changes before the UI thread runs");
        posted.forEach(Runnable::run);
        assertEquals(2, vm.records().size());
        String text = CommandLogViewModel.asText(vm.records());
        String[] lines = text.split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].startsWith("exit 0") && lines[0].endsWith("ms  true"), lines[0]);
        assertTrue(lines[1].startsWith("exit 1") && lines[1].endsWith("ms  false"), lines[1]);
    }
}
