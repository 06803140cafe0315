package io.iptscope.exec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * How commands that need root are run, locally (the window's toolbar) or on a remote host (stored with the
 * host, so never a password). The id is what the hosts file and {@code --privilege} hold.
 */
public enum PrivilegeMode {
    /** Remote hosts only: direct when logged in as root, else {@code sudo -n}, else {@code sudo -S} with a password. */
    AUTO("auto", "Auto", "pick a privilege mode explicitly"),
    DIRECT("direct", "Direct (already root)", "run as root, or pick a sudo mode"),
    SUDO_N("sudo-n", "sudo -n", "install sudo and allow this user NOPASSWD, pick \"sudo with password\", or "
            + "start iptscope as root"),
    SUDO_PASSWORD("sudo-password", "sudo with password", "check the password; it is asked once per session"),
    PKEXEC("pkexec", "pkexec (polkit)", "a polkit authentication agent must be running");

    private final String id;
    private final String label;
    private final String whenDenied;

    PrivilegeMode(String id, String label, String whenDenied) {
        this.id = id;
        this.label = label;
        this.whenDenied = whenDenied;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static PrivilegeMode parse(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown privilege mode '" + id
                        + "'; expected auto, direct, sudo-n, sudo-password or pkexec"));
    }

    /** The modes offered for the local machine, where the window knows whether it runs as root. */
    public static List<PrivilegeMode> local() {
        return List.of(DIRECT, SUDO_N, SUDO_PASSWORD, PKEXEC);
    }

    /** For the toolbar. */
    public String label() {
        return label;
    }

    /** What to do when reads were denied in this mode. */
    public String whenDenied() {
        return whenDenied;
    }

    /**
     * The privilege of a local mode; {@code password} is asked for a copy on each use. {@link #AUTO} probes a
     * remote host and is resolved there.
     */
    public Privilege local(Supplier<char[]> password) {
        return switch (this) {
            case DIRECT -> new Privilege.Direct();
            case SUDO_N -> new Privilege.SudoNoPassword();
            case SUDO_PASSWORD -> new Privilege.SudoPassword(password);
            case PKEXEC -> new Privilege.Pkexec();
            case AUTO -> throw new IllegalArgumentException("privilege mode auto is resolved per remote host");
        };
    }

    @Override
    public String toString() {
        return id;
    }
}
