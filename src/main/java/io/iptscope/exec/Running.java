package io.iptscope.exec;

/** A command that keeps running (a monitor) while its output is consumed line by line. */
public interface Running extends AutoCloseable {

    boolean alive();

    /** Ends the command and its whole process tree, and says how it ended. Idempotent. */
    CommandResult stop();

    @Override
    default void close() {
        stop();
    }
}
