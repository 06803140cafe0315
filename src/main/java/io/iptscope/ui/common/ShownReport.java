package io.iptscope.ui.common;

import io.iptscope.exec.NetnsTarget;
import io.iptscope.exec.PrivilegeMode;
import io.iptscope.report.DetectionReport;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The report the window shows, with where it came from.
 *
 * @param target     the netns it describes when live (rules can then be read from it), else null
 * @param privilege  the mode it was read with when live, else null
 * @param source     a file name or "sample", for the title
 * @param elevationFailure why a live detection ran unprivileged although a privilege mode was chosen, or null
 * @param takenFor   the window's target the live detection ran for; null for a file or the sample
 */
public record ShownReport(DetectionReport report, ReportOrigin origin, NetnsTarget target, PrivilegeMode privilege,
                          String source, String elevationFailure, WindowTarget takenFor) {

    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    /** A report not tied to the window's target (a file, the sample, a test's fixture). */
    public ShownReport(DetectionReport report, ReportOrigin origin, NetnsTarget target, PrivilegeMode privilege,
                       String source, String elevationFailure) {
        this(report, origin, target, privilege, source, elevationFailure, null);
    }

    public boolean live() {
        return origin == ReportOrigin.LIVE;
    }

    public String title() {
        String when = localTime(report.generatedAt());
        return switch (origin) {
            case LIVE -> report.host() + " · " + report.target().spec() + " · live, read " + when;
            case FILE -> source + " · " + report.host() + " · " + report.target().spec() + " · saved " + when;
            case SAMPLE -> "sample report · " + report.target().spec() + " · made " + when;
        };
    }

    /** An ISO instant as the operator's local time to the second ("2026-12-02 07:14:03 CET"); else as given. */
    public static String localTime(String isoInstant) {
        if (isoInstant == null) {
            return "at an unknown time";
        }
        try {
            return LOCAL_TIME.format(Instant.parse(isoInstant).atZone(ZoneId.systemDefault()));
        } catch (DateTimeParseException e) {
            return String.valueOf(isoInstant);
        }
    }
}
