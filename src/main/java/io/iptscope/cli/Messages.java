package io.iptscope.cli;

import io.iptscope.restore.RestoreException;
import java.io.PrintWriter;

/** How the CLI prints a failed save or restore: the message, then each detail indented. */
final class Messages {

    private Messages() {
    }

    static void print(PrintWriter err, RestoreException e) {
        err.println("iptscope: " + e.getMessage());
        for (String d : e.details()) {
            if (!d.isBlank()) {
                err.println("  " + d.replace("\n", "\n  "));
            }
        }
        err.flush();
    }
}
