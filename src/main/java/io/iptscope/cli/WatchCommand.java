package io.iptscope.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iptscope.discover.BinaryInventory;
import io.iptscope.exec.CommandLog;
import io.iptscope.exec.CommandRunner;
import io.iptscope.iptables.Discovery;
import io.iptscope.iptables.Watch;
import io.iptscope.iptables.WatchEvent;
import io.iptscope.json.Json;
import io.iptscope.rules.Backend;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Watch both backends of a netns: nft through nft monitor events, legacy by polling. "
                + "Streams rule, chain and policy changes, flushes and canaries; --json prints one event per line.",
                "Read-only unless --canary is given; the canary it creates is removed when the watch ends."})
final class WatchCommand implements Callable<Integer> {

    @Mixin
    private TargetOptions targetOptions = new TargetOptions();

    @Option(names = "--json", description = "One JSON object per event.")
    private boolean json;

    @Option(names = "--interval", defaultValue = "2", paramLabel = "SECONDS",
            description = "Poll interval for legacy (default: ${DEFAULT-VALUE}).")
    private double interval;

    @Option(names = "--counters", description = "Report the rules whose counters moved since the last poll.")
    private boolean counters;

    @Option(names = "--canary", split = ",", paramLabel = "BACKEND",
            description = "Create " + Watch.CANARY + " in mangle of these backends (legacy,nft) to notice flushes.")
    private List<Backend> canary = new ArrayList<>();

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this long (default: until Ctrl-C).")
    private Double duration;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (!(interval > 0)) {
            spec.commandLine().getErr().println("iptscope: --interval must be positive");
            return ExitCodes.USAGE;
        }
        Duration timeout = Duration.ofSeconds(30);
        CommandRunner runner = targetOptions.runner(new CommandLog());
        BinaryInventory bins = new Discovery(runner, timeout).discover(targetOptions.source());
        ObjectMapper mapper = Json.MAPPER;
        CountDownLatch done = new CountDownLatch(1);
        Watch watch = new Watch(runner, targetOptions.target(), bins, timeout,
                new Watch.Options(Duration.ofMillis(Math.round(interval * 1000)), counters, canary),
                e -> print(out, mapper, e));
        Thread stopper = new Thread(() -> {
            watch.close();
            done.countDown();
        }, "iptscope-watch-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        watch.start();
        if (duration != null) {
            done.await(Math.round(duration * 1000), TimeUnit.MILLISECONDS);
            watch.close();
            Runtime.getRuntime().removeShutdownHook(stopper);
        } else {
            done.await();
        }
        out.flush();
        return ExitCodes.OK;
    }

    private void print(PrintWriter out, ObjectMapper mapper, WatchEvent e) {
        synchronized (out) {
            if (json) {
                try {
                    out.println(mapper.writeValueAsString(e));
                } catch (JsonProcessingException ex) {
                    throw new IllegalStateException(ex);
                }
            } else {
                out.println(e.time().truncatedTo(ChronoUnit.SECONDS) + " "
                        + (e.type() == WatchEvent.Type.FLUSH ? "FLUSH" : e.type().id())
                        + " " + (e.backend() == null ? "" : e.backend().id())
                        + " " + (e.family() == null ? "" : e.family().id()) + (e.table() == null ? "" : " " + e.table())
                        + (e.chain() == null ? "" : "/" + e.chain()) + (e.rule() == null ? "" : "  " + e.rule())
                        + (e.detail() == null ? "" : "  (" + e.detail() + ")")
                        + (e.writer() == null ? "" : "  by " + e.writer()));
            }
            out.flush();
        }
    }
}
