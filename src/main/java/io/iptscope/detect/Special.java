package io.iptscope.detect;

/**
 * A line a tool printed that matters to operators although it is not a rule: the legacy-tables
 * warning, an incompatible table, an unsupported revision, a missing extension library.
 *
 * @param kind   the {@code rules.SpecialLine.Kind} name, lower case with dashes
 * @param stream {@code stdout} or {@code stderr}
 */
public record Special(String kind, String table, String text, String stream) {
}
