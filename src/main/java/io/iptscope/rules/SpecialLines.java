package io.iptscope.rules;

import java.util.Optional;

/** Recognises the {@link SpecialLine} kinds in dump lines and in the tools' stderr lines. */
public final class SpecialLines {

    static final String UNSUPPORTED_REVISION = " [unsupported revision]";

    private SpecialLines() {
    }

    public static Optional<SpecialLine.Kind> classify(String line) {
        if (line.startsWith("# Table ")) {
            if (line.contains(" is incompatible")) {
                return Optional.of(SpecialLine.Kind.INCOMPATIBLE_TABLE);
            }
            if (line.contains("contains incompatible base-chains")) {
                return Optional.of(SpecialLine.Kind.INCOMPATIBLE_BASE_CHAINS);
            }
        }
        if (line.startsWith("# Warning: ") && line.contains("tables present, use ")) {
            return Optional.of(SpecialLine.Kind.LEGACY_TABLES_WARNING);
        }
        if (line.contains("Can't find library for target") || line.contains("Can't find library for match")) {
            return Optional.of(SpecialLine.Kind.CANT_FIND_LIBRARY);
        }
        if (line.contains(UNSUPPORTED_REVISION)) {
            return Optional.of(SpecialLine.Kind.UNSUPPORTED_REVISION);
        }
        return Optional.empty();
    }

    /**
     * The table named in {@code # Table `x' ...} (the opening quote is a backtick or an apostrophe, the
     * closing one an apostrophe); empty for other lines.
     */
    public static Optional<String> tableNamed(String line) {
        if (!line.startsWith("# Table ") || line.length() < 10) {
            return Optional.empty();
        }
        char open = line.charAt(8);
        if (open != '`' && open != '\'') {
            return Optional.empty();
        }
        int close = line.indexOf('\'', 9);
        return close < 0 ? Optional.empty() : Optional.of(line.substring(9, close));
    }
}
