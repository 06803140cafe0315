package io.iptscope.ui;

import io.iptscope.exec.NetnsTarget;
import java.nio.file.Path;

/**
 * How the window starts.
 *
 * @param openReport a saved report to show instead of detecting, or null
 * @param target     the netns to detect at start ({@code current}, {@code netns:NAME}, {@code pid:N})
 */
public record GuiOptions(Path openReport, NetnsTarget target) {

    public static GuiOptions defaults() {
        return new GuiOptions(null, new NetnsTarget.Current());
    }
}
