package io.iptscope.iptables;

import io.iptscope.exec.CommandResult;
import io.iptscope.rules.ParseResult;
import io.iptscope.rules.SaveParser;

/**
 * A save whose output is parsed while the save runs: its {@link #call} hands each chunk of stdout to the parser on
 * the runner's reader thread, so a 100k-rule save is parsed when it ends rather than after. A runner that does not
 * stream (SSH) leaves the whole output to {@link #parsed}.
 */
public final class StreamedSave {

    private final Call call;
    private final SaveParser.Incremental parser;

    /** @param sourceName what parse errors name: the save binary's name */
    public StreamedSave(Call save, String sourceName) {
        this.parser = new SaveParser.Incremental(sourceName);
        this.call = new Call(save.command.withStdoutTap(parser::feed));
    }

    /** The save to run (alone or in a batch). */
    public Call call() {
        return call;
    }

    /** The parse of {@code result}'s stdout: what the tap did not see is parsed now. Only for this call's result. */
    public ParseResult parsed(CommandResult result) {
        byte[] out = result.stdout();
        long seen = parser.bytes();
        if (seen < out.length) {
            parser.feed(out, (int) seen, out.length - (int) seen);
        }
        return parser.finish();
    }

    /** How many lines the output ended (a last line without its newline is not counted); after {@link #parsed}. */
    public int newlines() {
        return parser.newlines();
    }
}
