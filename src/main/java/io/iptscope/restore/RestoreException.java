package io.iptscope.restore;

import java.util.List;

/** A save or restore step that cannot go on; {@link #details()} lists what the operator must see. */
public final class RestoreException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> details;

    public RestoreException(String message) {
        this(message, List.of());
    }

    public RestoreException(String message, List<String> details) {
        super(message);
        this.details = List.copyOf(details);
    }

    public List<String> details() {
        return details;
    }
}
