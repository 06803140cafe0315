package io.iptscope.cli;

import io.iptscope.exec.ReadProgress;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One self-overwriting stderr line for reads that take longer than a second ("reading
 * iptables-nft-save: 12.3 MB, 2.1 s"), cleared when they end. Only on a terminal: piped stderr stays clean.
 * Ctrl-C ends the process, which kills the read with it.
 */
final class ProgressLine implements Consumer<ReadProgress> {

    private final PrintStream err;

    ProgressLine(PrintStream err) {
        this.err = err;
    }

    /** Listens for the rest of the process when stderr is a terminal. */
    static void installOnTerminal() {
        if (System.console() != null) {
            ReadProgress.listen(new ProgressLine(System.err));
        }
    }

    @Override
    public synchronized void accept(ReadProgress p) {
        if (p.done()) {
            err.print("\r\033[K");
        } else {
            err.print("\r\033[K" + text(p));
        }
        err.flush();
    }

    static String text(ReadProgress p) {
        String cmd = p.command();
        if (cmd.length() > 48) {
            cmd = "…" + cmd.substring(cmd.length() - 47);
        }
        return String.format(Locale.ROOT, "reading %s: %.1f MB, %.1f s", cmd, p.bytes() / 1e6,
                p.elapsed().toMillis() / 1000.0);
    }
}
