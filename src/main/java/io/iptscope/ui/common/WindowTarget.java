package io.iptscope.ui.common;

import io.iptscope.exec.NetnsTarget;

/**
 * The one target of a window: the host commands go to, the netns they enter and where the binaries
 * come from. Every tab, dialog and action acts on it; a report taken for another one is stale.
 *
 * @param host     the host picker's entry ("Local" or a saved SSH host)
 * @param netns    the network namespace
 * @param binaries the binary source as typed (PATH, or directories)
 */
public record WindowTarget(String host, NetnsTarget netns, String binaries) {

    /** "Local · netns blue" — how titles, banners and buttons name the target. */
    public String describe() {
        return host + " · " + netns.spec();
    }

    /** With the binary source too, for the banner that says why a view is stale. */
    public String describeFully() {
        return describe() + " · binaries " + binaries;
    }
}
