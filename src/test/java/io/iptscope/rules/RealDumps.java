package io.iptscope.rules;

import io.iptscope.exec.CommandResult;
import io.iptscope.testing.TestNetns;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Dumps made by the real iptables binaries from {@code real-v4.rules} / {@code real-v6.rules}: each input
 * restored with counters into legacy and into nft of a fresh namespace, then saved with and without
 * {@code -c}. Made once per test JVM.
 */
final class RealDumps {

    /** One saved dump and what the save tool wrote on stderr. */
    record Dump(Family family, Backend backend, boolean counters, String text, String stderr) {
        String name() {
            return family.toolPrefix() + backend.suffix() + "-save" + (counters ? " -c" : "");
        }
    }

    private static List<Dump> dumps;

    private RealDumps() {
    }

    static String resource(String name) {
        try (InputStream in = RealDumps.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized List<Dump> all() {
        if (dumps == null) {
            List<Dump> made = new ArrayList<>();
            try (TestNetns ns = TestNetns.create()) {
                for (Family f : Family.values()) {
                    String input = resource(f == Family.IPV4 ? "real-v4.rules" : "real-v6.rules");
                    for (Backend b : Backend.values()) {
                        String tool = f.toolPrefix() + b.suffix();
                        ns.execWithInput(input, tool + "-restore", "-c");
                        for (boolean c : new boolean[] {false, true}) {
                            CommandResult r = c ? ns.exec(tool + "-save", "-c") : ns.exec(tool + "-save");
                            made.add(new Dump(f, b, c, r.stdoutText(), r.stderrText()));
                        }
                    }
                }
            }
            dumps = List.copyOf(made);
        }
        return dumps;
    }
}
