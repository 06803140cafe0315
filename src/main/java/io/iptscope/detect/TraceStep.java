package io.iptscope.detect;

import com.fasterxml.jackson.annotation.JsonValue;

/** One line of a verdict's reasoning: something observed, a decision taken, or a caveat. */
public record TraceStep(Kind kind, String text) {

    public enum Kind {
        OBSERVE("observe"),
        DECIDE("decide"),
        NOTE("note");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        @JsonValue
        public String id() {
            return id;
        }
    }
}
