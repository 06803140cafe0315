package io.iptscope.exec;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Where an {@link SshRunner} connects: a destination as {@code ssh} takes it ({@code host},
 * {@code user@host}, a {@code Host} alias of ~/.ssh/config or {@code ssh://user@host:port}) and extra
 * client options ({@code -F FILE}, {@code -o KEY=VALUE} of {@link SshOptions}' allow-list) that come after
 * iptscope's own.
 */
public record SshTarget(String destination, List<String> options) {

    /** No option injection (a leading '-') and nothing a shell or ssh would split. */
    private static final Pattern DESTINATION = Pattern.compile("[A-Za-z0-9_.@:/\\[\\]%+-]+");

    public SshTarget {
        if (destination == null || destination.startsWith("-") || !DESTINATION.matcher(destination).matches()) {
            throw new IllegalArgumentException("invalid ssh destination '" + destination
                    + "': expected [user@]host, a Host alias or ssh://[user@]host[:port]");
        }
        options = List.copyOf(options);
        SshOptions.checkArgv(options);
    }

    public static SshTarget of(String destination) {
        return new SshTarget(destination, List.of());
    }
}
