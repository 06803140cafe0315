package io.iptscope.ui;

import io.iptscope.exec.NetnsTarget;
import java.nio.file.Path;

/**
 * How the window starts.
 *
 * @param openReport a saved report to show instead of detecting, or null
 * @param target     the netns to detect at start
 * @param binaries   the binary source: {@code PATH} or colon-separated directories
 */
public record GuiOptions(Path openReport, NetnsTarget target, String binaries) {

    public static GuiOptions defaults() {
        return new GuiOptions(null, new NetnsTarget.Current(), "PATH");
    }
}
