package io.iptscope.iptables;

import io.iptscope.exec.CommandResult;
import io.iptscope.rules.ParseResult;
import io.iptscope.rules.SaveParser;
import io.iptscope.rules.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A save whose output is parsed while the save runs: its {@link #call} hands each chunk of stdout to the parser on
 * the runner's reader thread, and each table, once complete, to {@code perTable} there too, so a 100k-rule save is
 * parsed and summarised when it ends rather than after; the parse keeps the text, the result none of it. A runner
 * that does not stream leaves the whole output to {@link #parsed}.
 *
 * @param <T> what {@code perTable} makes of a table
 */
public final class StreamedSave<T> {

    private final Call call;
    private final SaveParser.Incremental parser;
    private final Function<Table, T> perTable;
    private final List<T> made = new ArrayList<>();
    private RuntimeException failed;

    /**
     * @param sourceName what parse errors name: the save binary's name
     * @param perTable   work on each table, in file order
     */
    public StreamedSave(Call save, String sourceName, Function<Table, T> perTable) {
        this.perTable = perTable;
        this.parser = new SaveParser.Incremental(sourceName, this::table);
        this.call = new Call(save.command.withStdoutTap(parser::feed));
    }

    /** The save to run (alone or in a batch). */
    public Call call() {
        return call;
    }

    /**
     * The parse of {@code result}'s stdout: what the tap did not see is parsed now. Only for this call's result.
     *
     * @throws RuntimeException what {@code perTable} threw, on the caller's thread
     */
    public ParseResult parsed(CommandResult result) {
        byte[] out = result.stdout();
        long seen = parser.bytes();
        if (result.stdoutTapped() && seen != result.stdoutLength()) {
            // Bytes that went neither to the parse nor to the result: a partial ruleset must not pass for the save.
            throw new IllegalStateException(result.command().program() + " printed " + result.stdoutLength()
                    + " bytes but its parse saw " + seen);
        }
        if (seen < out.length) {
            parser.feed(out, (int) seen, out.length - (int) seen);
        }
        ParseResult parsed = parser.finish();
        synchronized (this) {
            if (failed != null) {
                throw failed;
            }
        }
        return parsed;
    }

    /** What {@code perTable} made of each table, in file order; after {@link #parsed}. */
    public synchronized List<T> perTable() {
        return List.copyOf(made);
    }

    /** How many lines the output ended (a last line without its newline is not counted); after {@link #parsed}. */
    public int newlines() {
        return parser.newlines();
    }

    /** On the parsing thread; a failure is kept for the caller, the parse goes on. */
    private synchronized void table(Table t) {
        if (failed != null) {
            return;
        }
        try {
            made.add(perTable.apply(t));
        } catch (RuntimeException e) {
            failed = e;
        }
    }
}
