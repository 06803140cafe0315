package io.iptscope.ui;

import java.nio.file.Path;

/**
 * How the window starts.
 *
 * @param openReport a saved report to show instead of detecting the current netns, or null
 */
public record GuiOptions(Path openReport) {
}
