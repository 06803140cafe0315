package io.iptscope.ui.task;

/** The body of a background task; it may report progress and should stop when interrupted. */
@FunctionalInterface
public interface Work<T> {

    T run(Progress progress) throws Exception;

    /** Where a task reports how far it is; fractions outside 0..1 mean "unknown". */
    interface Progress {
        void update(String message, double fraction);

        boolean cancelled();
    }
}
