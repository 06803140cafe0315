package io.iptscope.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoggingTest {

    @TempDir
    Path state;

    @AfterEach
    void restore() {
        Logging.configure(false);
    }

    @Test
    void theLogFileIsUnderXdgStateHomeAndKeepsStackTraces() throws IOException {
        Path file = Logging.configure(false, Map.of("XDG_STATE_HOME", state.toString(), "HOME", "/nonexistent"));
        assertEquals(state.resolve("iptscope/iptscope.log"), file);
        System.Logger log = Logging.logger(LoggingTest.class);
        log.log(System.Logger.Level.ERROR, "watch lost", new IllegalStateException("connection reset"));
        log.log(System.Logger.Level.DEBUG, "only with --verbose");
        Logging.configure(false);
        String text = Files.readString(file);
        assertTrue(text.contains("SEVERE io.iptscope.log.LoggingTest: watch lost"), text);
        assertTrue(text.contains("java.lang.IllegalStateException: connection reset"), text);
        assertTrue(text.contains("at io.iptscope.log.LoggingTest."), text);
        assertFalse(text.contains("only with --verbose"), text);
    }

    @Test
    void verboseKeepsDebugRecords() throws IOException {
        Path file = Logging.configure(true, Map.of("XDG_STATE_HOME", state.toString()));
        Logging.logger(LoggingTest.class).log(System.Logger.Level.DEBUG, "ran iptables-save");
        Logging.configure(false);
        assertTrue(Files.readString(file).contains("FINE io.iptscope.log.LoggingTest: ran iptables-save"));
    }

    @Test
    void withoutXdgStateHomeTheDefaultIsUnderHome() {
        assertEquals(Path.of("/home/u/.local/state/iptscope"), Logging.directory(Map.of("HOME", "/home/u")));
        assertEquals(Path.of("/home/u/.local/state/iptscope"),
                Logging.directory(Map.of("HOME", "/home/u", "XDG_STATE_HOME", "relative/ignored")));
    }
}
