package io.iptscope.ui.main;

import io.iptscope.exec.Privilege;

/** The privilege modes the toolbar offers; the GUI itself never runs as root. */
public enum PrivilegeMode {
    DIRECT("Direct (already root)", "run as root, or pick a sudo mode"),
    SUDO_NO_PASSWORD("sudo -n", "install sudo and allow this user NOPASSWD, pick \"sudo with password\", or "
            + "start iptscope as root"),
    SUDO_PASSWORD("sudo with password", "check the password; it is asked once per session"),
    PKEXEC("pkexec (polkit)", "a polkit authentication agent must be running");

    private final String label;
    private final String whenDenied;

    PrivilegeMode(String label, String whenDenied) {
        this.label = label;
        this.whenDenied = whenDenied;
    }

    public String label() {
        return label;
    }

    /** What to do when reads were denied in this mode. */
    public String whenDenied() {
        return whenDenied;
    }

    Privilege privilege(PasswordVault vault) {
        return switch (this) {
            case DIRECT -> new Privilege.Direct();
            case SUDO_NO_PASSWORD -> new Privilege.SudoNoPassword();
            case SUDO_PASSWORD -> new Privilege.SudoPassword(vault::copy);
            case PKEXEC -> new Privilege.Pkexec();
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
