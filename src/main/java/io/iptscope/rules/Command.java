package io.iptscope.rules;

/** The iptables command of a rule line; iptables-save only emits {@link #APPEND}, restore accepts all. */
public enum Command {
    APPEND('A', "--append"),
    INSERT('I', "--insert"),
    DELETE('D', "--delete"),
    REPLACE('R', "--replace"),
    CHECK('C', "--check"),
    NEW_CHAIN('N', "--new-chain"),
    DELETE_CHAIN('X', "--delete-chain"),
    FLUSH('F', "--flush"),
    POLICY('P', "--policy"),
    ZERO('Z', "--zero"),
    RENAME_CHAIN('E', "--rename-chain"),
    LIST('L', "--list"),
    LIST_RULES('S', "--list-rules"),
    /** The line names no command at all (restore rejects it). */
    NONE(' ', "");

    private final char letter;
    private final String longOption;

    Command(char letter, String longOption) {
        this.letter = letter;
        this.longOption = longOption;
    }

    /** The short option letter, e.g. {@code A}; a blank for {@link #NONE}. */
    public char letter() {
        return letter;
    }

    public String longOption() {
        return longOption;
    }

    /** The command an argument stands for ({@code -A}, {@code --append}, {@code --new}), or null. */
    public static Command ofOption(String arg) {
        if (arg.length() == 2 && arg.charAt(0) == '-') {
            char c = arg.charAt(1);
            for (Command cmd : values()) {
                if (cmd.letter == c && cmd != NONE) {
                    return cmd;
                }
            }
            return null;
        }
        if (arg.startsWith("--")) {
            if (arg.equals("--new")) {
                return NEW_CHAIN;
            }
            for (Command cmd : values()) {
                if (cmd != NONE && cmd.longOption.equals(arg)) {
                    return cmd;
                }
            }
        }
        return null;
    }
}
