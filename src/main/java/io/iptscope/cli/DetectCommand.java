package io.iptscope.cli;

import io.iptscope.detect.DetectOptions;
import io.iptscope.detect.Detector;
import io.iptscope.detect.Inspection;
import io.iptscope.detect.InspectionException;
import io.iptscope.detect.Strategies;
import io.iptscope.detect.StrategyId;
import io.iptscope.discover.BinarySource;
import io.iptscope.exec.CommandLog;
import io.iptscope.exec.NetnsTarget;
import io.iptscope.report.DetectionReport;
import io.iptscope.report.DetectionText;
import io.iptscope.report.Reports;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

@Command(name = DetectCommand.NAME, mixinStandardHelpOptions = true,
        description = "Find every iptables binary, read what each backend holds (read-only) and show what each "
                + "known heuristic would choose, and why.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:findings of severity error", "2:usage error", "3:could not inspect",
            "4:ssh connection failed or lost"})
final class DetectCommand implements Callable<Integer> {

    static final String NAME = "detect";

    /**
     * Makes ready, on the calling side thread, what a detection needs first after its reads (Main starts this beside
     * picocli). {@code --json} among the arguments is a hint: a wrong guess costs only time.
     */
    static void prepare(String[] args) {
        Detector.warmUp();
        if (Arrays.asList(args).contains("--json")) {
            Reports.warmUp();
        }
    }

    @Mixin
    private TargetOptions targetOptions = new TargetOptions();

    @Option(names = "--strategy", paramLabel = "S",
            description = "Strategy whose verdict is shown first: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            completionCandidates = StrategyIds.class)
    private String strategy = Strategies.RECOMMENDED.id();

    @Option(names = "--json", description = "Print the whole report as JSON.")
    private boolean json;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "5",
            description = "Timeout of each command (default: ${DEFAULT-VALUE}).")
    private double timeoutSeconds;

    @Option(names = "--istio-force-binary", paramLabel = "BINARY",
            description = "Istio's FORCE_IPTABLES_BINARY as the sidecar/CNI would have it: iptables, iptables-legacy "
                    + "or iptables-nft; the istio strategy then runs that binary without detecting.")
    private String istioForceBinary;

    @Option(names = "--docker-iptables-legacy",
            description = "docker:dind's DOCKER_IPTABLES_LEGACY is set: the docker-dind strategy uses legacy.")
    private boolean dockerIptablesLegacy;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InspectionException, IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<StrategyId> headline = StrategyId.byId(strategy);
        if (headline.isEmpty()) {
            err.println("unknown strategy '" + strategy + "'; known: " + String.join(", ", Strategies.ids()));
            return ExitCodes.USAGE;
        }
        if (!(timeoutSeconds > 0)) {
            err.println("--timeout must be positive");
            return ExitCodes.USAGE;
        }
        if (istioForceBinary != null && DetectOptions.forcedVariant(istioForceBinary).isEmpty()) {
            err.println("--istio-force-binary must be iptables, iptables-legacy or iptables-nft, not '"
                    + istioForceBinary + "'");
            return ExitCodes.USAGE;
        }
        DetectOptions options = new DetectOptions(istioForceBinary, dockerIptablesLegacy);
        // Validated before anything connects or runs: a hostile netns name never reaches a host.
        NetnsTarget target = targetOptions.target();
        BinarySource source = targetOptions.source();
        CommandLog log = new CommandLog();
        Detector detector = new Detector(targetOptions.runner(log), Duration.ofMillis(Math.round(timeoutSeconds * 1000)),
                options);
        CompletableFuture<Void> serializers = json ? CompletableFuture.runAsync(Reports::warmUp)
                : CompletableFuture.completedFuture(null);
        Inspection inspection = detector.inspect(target, source);
        DetectionReport report = DetectionReport.of(inspection, detector.host(), log.snapshot(), Instant.now());
        if (json) {
            serializers.join();
            Reports.writeJson(report, out);
            out.print("\n");
        } else {
            out.print(DetectionText.render(report, headline.get(), Terminal.colour()));
        }
        out.flush();
        return inspection.hasErrors() ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    static final class StrategyIds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Strategies.ids().iterator();
        }
    }
}
