package io.iptscope.ui;

import io.iptscope.detect.Detector;
import io.iptscope.detect.Inspection;
import io.iptscope.discover.BinarySource;
import io.iptscope.exec.CommandLog;
import io.iptscope.exec.LocalRunner;
import io.iptscope.exec.RecordingRunner;
import io.iptscope.report.DetectionReport;
import io.iptscope.report.Reports;
import io.iptscope.testing.TestNetns;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Regenerates the sample report shipped with the app (Help > Open the sample report) from a real
 * netns: {@code bin/sample-report}. Needs root; the netns is deleted afterwards.
 */
public final class SampleReportMain {

    public static final Path SAMPLE = Path.of("src/main/resources/io/iptscope/ui/sample/sample-report.json");

    private SampleReportMain() {
    }

    public static void main(String[] args) throws Exception {
        Path out = args.length > 0 ? Path.of(args[0]) : SAMPLE;
        try (TestNetns ns = MismatchScenario.create(400)) {
            CommandLog log = new CommandLog();
            LocalRunner local = new LocalRunner();
            Inspection inspection = new Detector(new RecordingRunner(local, log), Duration.ofSeconds(10))
                    .inspect(ns.target(), new BinarySource.ProcessPath());
            Reports.write(DetectionReport.of(inspection, local.host(), log.snapshot(), Instant.now()), out);
            System.out.println("wrote " + out + " from netns " + ns.name() + ": " + inspection.findings().size()
                    + " findings");
        }
    }
}
