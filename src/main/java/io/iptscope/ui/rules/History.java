package io.iptscope.ui.rules;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Back and forward through visited chains, as a browser does. */
final class History<T> {

    private final Deque<T> back = new ArrayDeque<>();
    private final Deque<T> forward = new ArrayDeque<>();

    /** Leaving {@code from} for somewhere new: it becomes the way back, and the way forward is gone. */
    void visit(T from) {
        if (from != null) {
            back.push(from);
        }
        forward.clear();
    }

    Optional<T> back(T current) {
        if (back.isEmpty()) {
            return Optional.empty();
        }
        forward.push(current);
        return Optional.of(back.pop());
    }

    Optional<T> forward(T current) {
        if (forward.isEmpty()) {
            return Optional.empty();
        }
        back.push(current);
        return Optional.of(forward.pop());
    }

    boolean canGoBack() {
        return !back.isEmpty();
    }

    boolean canGoForward() {
        return !forward.isEmpty();
    }

    void clear() {
        back.clear();
        forward.clear();
    }
}
