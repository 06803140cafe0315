package io.iptscope.remote;

import io.iptscope.exec.PrivilegeMode;
import io.iptscope.exec.SshTarget;
import java.util.regex.Pattern;

/** A remembered remote host: a display name, the ssh destination and how it gives root. */
public record HostEntry(String name, String destination, PrivilegeMode privilege) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.@:-]{1,64}");

    public HostEntry {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid host name '" + name
                    + "': 1-64 letters, digits, '_', '.', '@', ':', '-'");
        }
        SshTarget.of(destination);
        privilege = privilege == null ? PrivilegeMode.AUTO : privilege;
    }

    /** A host named after its destination (characters a name cannot hold become '_'). */
    public static HostEntry of(String destination, PrivilegeMode privilege) {
        String name = destination.replaceFirst("^ssh://", "").replaceAll("[^A-Za-z0-9_.@:-]", "_");
        return new HostEntry(name.substring(0, Math.min(name.length(), 64)), destination, privilege);
    }
}
