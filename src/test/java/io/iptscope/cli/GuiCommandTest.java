package io.iptscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The gui command refuses bad arguments before any window opens. */
class GuiCommandTest {

    private static int run(StringWriter err, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void anUnreadableReportIsAUsageError() {
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.USAGE, run(err, "gui", "--open", "/nonexistent/report.json"));
        assertTrue(err.toString().contains("cannot read /nonexistent/report.json"), err.toString());
    }

    @Test
    void remoteOptionsAreRefusedRatherThanIgnored() {
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.USAGE, run(err, "gui", "--ssh", "root@node1"));
        assertTrue(err.toString().contains("gui inspects this machine; --ssh is for the command line"), err.toString());
    }

    @Test
    void anInvalidNetnsNameIsAUsageError() {
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.USAGE, run(err, "gui", "--netns", "../etc"));
        assertTrue(err.toString().contains("invalid netns name"), err.toString());
    }
}
