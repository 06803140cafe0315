package io.iptscope.rules;

/** One problem found while parsing, positioned like a compiler message (line and column from 1). */
public record ParseError(String source, int line, int column, String message) {

    /** {@code source:line:col: message}. */
    public String format() {
        return source + ":" + line + ":" + column + ": " + message;
    }
}
