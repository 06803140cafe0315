package io.iptscope.cli;

import io.iptscope.rules.ParseResult;
import io.iptscope.rules.SaveParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a dump named on the command line; {@code -} is standard input. */
final class RulesInput {

    private RulesInput() {
    }

    /** The name errors are reported under. */
    static String displayName(String arg) {
        return arg.equals("-") ? "<stdin>" : arg;
    }

    /**
     * The text of the file: UTF-8 when it is valid UTF-8, otherwise ISO-8859-1, which keeps every byte (dumps may
     * carry comments in any encoding).
     */
    static String read(String arg, InputStream stdin) throws IOException {
        byte[] bytes = arg.equals("-") ? stdin.readAllBytes() : Files.readAllBytes(Path.of(arg));
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /** Reads and parses, or reports why it could not read and returns null. */
    static ParseResult parse(String arg, InputStream stdin, PrintWriter err) {
        try {
            return SaveParser.parse(read(arg, stdin), displayName(arg));
        } catch (IOException e) {
            err.println("iptscope: cannot read " + displayName(arg) + ": " + e.getMessage());
            return null;
        }
    }
}
