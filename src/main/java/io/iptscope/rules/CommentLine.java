package io.iptscope.rules;

/** A {@code #} line in column 1, kept verbatim so that writing the model back gives the same bytes. */
public record CommentLine(int line, String text) {
}
