package io.iptscope.ui.common;

import io.iptscope.exec.NetnsTarget;
import io.iptscope.exec.PrivilegeMode;
import io.iptscope.report.DetectionReport;

/**
 * The report the window shows, with where it came from.
 *
 * @param target     the netns it describes when live (rules can then be read from it), else null
 * @param privilege  the mode it was read with when live, else null
 * @param source     a file name or "sample", for the title
 * @param elevationFailure why a live detection ran unprivileged although a privilege mode was chosen, or null
 */
public record ShownReport(DetectionReport report, ReportOrigin origin, NetnsTarget target, PrivilegeMode privilege,
                          String source, String elevationFailure) {

    public boolean live() {
        return origin == ReportOrigin.LIVE;
    }

    public String title() {
        return switch (origin) {
            case LIVE -> report.host() + " · " + report.target().spec() + " · live " + report.generatedAt();
            case FILE -> source + " · " + report.host() + " · " + report.target().spec() + " · saved "
                    + report.generatedAt();
            case SAMPLE -> "sample report · " + report.target().spec() + " · made " + report.generatedAt();
        };
    }
}
