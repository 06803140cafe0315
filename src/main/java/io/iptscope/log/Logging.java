package io.iptscope.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Where iptscope logs: code logs through {@link System.Logger} (the JDK's, so no dependency), and this
 * one class points it at {@code $XDG_STATE_HOME/iptscope/iptscope.log} (default
 * {@code ~/.local/state/iptscope/}). The file gets INFO and up, everything with {@code --verbose}; the
 * terminal gets only what the user asked for with {@code --verbose}, since commands print their own errors.
 */
public final class Logging {

    private static final String ROOT = "io.iptscope";
    private static Path file;

    private Logging() {
    }

    /** The logger for a class; use it at every thread boundary that catches a failure. */
    public static System.Logger logger(Class<?> owner) {
        return System.getLogger(owner.getName());
    }

    /** {@code $XDG_STATE_HOME/iptscope}, or {@code ~/.local/state/iptscope} when it is unset or not absolute. */
    public static Path directory(Map<String, String> env) {
        String state = env.get("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank() && Path.of(state).isAbsolute() ? Path.of(state)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".local", "state");
        return base.resolve("iptscope");
    }

    /** Configures logging from the process environment; see {@link #configure(boolean, Map)}. */
    public static Path configure(boolean verbose) {
        return configure(verbose, System.getenv());
    }

    /**
     * Sends iptscope's log records to the log file (and, when verbose, to stderr). Idempotent: a second call
     * replaces the first's handlers. When the file cannot be opened, logging goes to stderr and says why.
     *
     * @return the log file, or null when it could not be opened
     */
    public static synchronized Path configure(boolean verbose, Map<String, String> env) {
        Logger root = Logger.getLogger(ROOT);
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
            h.close();
        }
        root.setUseParentHandlers(false);
        root.setLevel(verbose ? Level.FINE : Level.INFO);
        file = null;
        Path dir = directory(env);
        try {
            Files.createDirectories(dir);
            Path log = dir.resolve("iptscope.log");
            FileHandler fh = new FileHandler(log.toString(), 5_000_000, 1, true);
            fh.setFormatter(new Line());
            fh.setLevel(Level.ALL);
            root.addHandler(fh);
            file = log;
        } catch (IOException | RuntimeException e) {
            ConsoleHandler fallback = new ConsoleHandler();
            fallback.setFormatter(new Line());
            fallback.setLevel(Level.WARNING);
            root.addHandler(fallback);
            root.log(Level.WARNING, "cannot write the log under " + dir + ": " + e.getMessage());
        }
        if (verbose) {
            ConsoleHandler console = new ConsoleHandler();
            console.setFormatter(new Line());
            console.setLevel(Level.ALL);
            root.addHandler(console);
        }
        return file;
    }

    /** The log file of the last {@link #configure}, or null when there is none. */
    public static synchronized Path file() {
        return file;
    }

    /** One line per record (time, level, logger, message), then the stack trace when there is one. */
    private static final class Line extends Formatter {
        @Override
        public String format(LogRecord r) {
            StringBuilder sb = new StringBuilder().append(Instant.ofEpochMilli(r.getMillis())).append(' ')
                    .append(r.getLevel().getName()).append(' ').append(r.getLoggerName()).append(": ")
                    .append(formatMessage(r)).append(System.lineSeparator());
            if (r.getThrown() != null) {
                java.io.StringWriter w = new java.io.StringWriter();
                r.getThrown().printStackTrace(new java.io.PrintWriter(w));
                sb.append(w);
            }
            return sb.toString();
        }
    }
}
