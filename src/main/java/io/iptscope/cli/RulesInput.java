package io.iptscope.cli;

import io.iptscope.rules.DumpInput;
import io.iptscope.rules.ParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Reads a dump named on the command line; {@code -} is standard input. */
final class RulesInput {

    private RulesInput() {
    }

    /** The name errors are reported under. */
    static String displayName(String arg) {
        return arg.equals("-") ? "<stdin>" : arg;
    }

    /** The text of the dump; see {@link DumpInput} for the bounds and the encoding. */
    static String read(String arg, InputStream stdin) throws IOException {
        return arg.equals("-") ? DumpInput.read(stdin, displayName(arg)) : DumpInput.read(Path.of(arg));
    }

    /** Reads, or reports why it could not read and returns null. */
    static String read(String arg, InputStream stdin, PrintWriter err) {
        try {
            return read(arg, stdin);
        } catch (IOException e) {
            cannotRead(arg, e, err);
            return null;
        }
    }

    private static void cannotRead(String arg, IOException e, PrintWriter err) {
        err.println(e instanceof DumpInput.RefusedException ? "iptscope: " + e.getMessage()
                : "iptscope: cannot read " + displayName(arg) + ": " + e.getMessage());
    }

    /** Reads and parses, or reports why it could not read and returns null. */
    static ParseResult parse(String arg, InputStream stdin, PrintWriter err) {
        try {
            return arg.equals("-") ? DumpInput.parse(stdin, displayName(arg)) : DumpInput.parse(Path.of(arg));
        } catch (IOException e) {
            cannotRead(arg, e, err);
            return null;
        }
    }
}
