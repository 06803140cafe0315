package io.iptscope.detect;

import io.iptscope.discover.BinaryInventory;
import io.iptscope.discover.BinarySource;
import io.iptscope.exec.Command;
import io.iptscope.exec.CommandResult;
import io.iptscope.exec.CommandRunner;
import io.iptscope.exec.LocalRunner;
import io.iptscope.exec.NetnsTarget;
import io.iptscope.iptables.Discovery;
import io.iptscope.iptables.Endpoint;
import io.iptscope.iptables.Iptables;
import io.iptscope.json.Json;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Discovery, evidence, verdicts and findings for one target and binary source. Changes nothing. The binary source
 * decides what a component would run and choose; what the netns holds is read with the host's own tools.
 */
public final class Detector {

    /**
     * What runs beside the reads: the kernel's config and module lists, loading Jackson and the catalogue, parsing
     * a save while the next reads run.
     */
    static final Executor BESIDE = Executors.newCachedThreadPool(LocalRunner.daemonThreads("iptscope-detect-beside"));

    private final CommandRunner runner;
    private final Duration timeout;
    private final DetectOptions options;

    public Detector(CommandRunner runner, Duration timeout) {
        this(runner, timeout, DetectOptions.DEFAULT);
    }

    public Detector(CommandRunner runner, Duration timeout, DetectOptions options) {
        this.runner = runner;
        this.timeout = timeout;
        this.options = options;
    }

    /** Where the commands run: {@code local} or an SSH destination. */
    public String host() {
        return runner.host();
    }

    public Inspection inspect(NetnsTarget target, BinarySource source) throws InspectionException {
        return inspect(target, source, new BinarySource.ProcessPath());
    }

    /**
     * Loads Jackson and the owner catalogue it reads: a detection first needs them right after its reads, so it loads
     * them meanwhile (and the CLI even before, beside picocli). Once per process.
     */
    public static void warmUp() {
        Json.warmUp();
        OwnerCatalogue.get();
    }

    /** @param trusted the binaries that read the netns: the host's PATH, unless a test stands in for the host */
    public Inspection inspect(NetnsTarget target, BinarySource source, BinarySource trusted) throws InspectionException {
        Phases phases = new Phases(target);
        CompletableFuture<Void> warm = CompletableFuture.runAsync(Detector::warmUp, BESIDE);
        // Discovery needs nothing from the netns: it runs while the prelude proves the netns can be entered. A netns
        // that cannot be entered is the failure reported, also when discovery failed too.
        CompletableFuture<Prelude> entered = CompletableFuture.supplyAsync(() -> enterable(target), BESIDE);
        Discovery discovery = new Discovery(runner, timeout);
        BinaryInventory binaries;
        BinaryInventory readers;
        try {
            binaries = discovery.discover(source);
            readers = source.equals(trusted) ? binaries : TrustedReaders.of(discovery.discover(trusted), binaries);
        } catch (RuntimeException e) {
            prelude(entered);
            throw e;
        }
        Prelude prelude = prelude(entered);
        phases.done("prelude and discovery");
        CompletableFuture<KernelCapabilities.Kernel> kernel = CompletableFuture.supplyAsync(
                () -> KernelCapabilities.readKernel(runner, timeout, prelude.kernelRelease()), BESIDE);
        Evidence evidence = new EvidenceCollector(runner, target, readers, timeout).collect();
        join(warm);
        phases.done("evidence");
        evidence = NativeTables.read(runner, target, readers, timeout, evidence);
        phases.done("native tables");
        KernelCapabilities capabilities = KernelCapabilities.from(prelude.kernelRelease(), join(kernel), evidence);
        phases.done("kernel capabilities");
        Observation obs = Observation.trusted(binaries, evidence).withCapabilities(capabilities);
        phases.done("observation");
        List<Verdict> verdicts = Strategies.decideAll(obs, options);
        List<Finding> findings = new java.util.ArrayList<>(Findings.derive(obs, verdicts));
        findings.addAll(NftSkew.findings(binaries, readers, evidence));
        phases.done("verdicts and findings");
        return new Inspection(target, prelude.inode(), obs, verdicts, List.copyOf(findings));
    }

    private static Prelude prelude(CompletableFuture<Prelude> entered) throws InspectionException {
        try {
            return join(entered);
        } catch (UncheckedInspection e) {
            throw e.getCause();
        }
    }

    /** The result of work run {@link #BESIDE}; its failure is the detection's, on the caller's thread. */
    static <T> T join(CompletableFuture<T> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    /** How long each phase of a detection took, logged at DEBUG (see {@code --verbose}): where the time goes. */
    private static final class Phases {
        private static final System.Logger LOG = System.getLogger(Detector.class.getName());
        private final String target;
        private long last = System.nanoTime();

        Phases(NetnsTarget target) {
            this.target = target.spec();
        }

        void done(String phase) {
            long now = System.nanoTime();
            LOG.log(System.Logger.Level.DEBUG, () -> "detect " + target + ": " + phase + " took "
                    + (now - last) / 1_000_000 + " ms");
            last = now;
        }
    }

    /**
     * The iptables runner's library operations bound to the backend {@code strategy} chooses for each
     * family of the target (a family it chooses none for has none).
     */
    public Iptables iptables(NetnsTarget target, BinarySource source, Strategy strategy) throws InspectionException {
        Inspection inspection = inspect(target, source);
        Map<Family, Backend> chosen = new EnumMap<>(Family.class);
        for (Family f : Family.values()) {
            strategy.decide(inspection.observation(), f).backend().backend().ifPresent(b -> chosen.put(f, b));
        }
        return new Iptables(new Endpoint(runner, target, inspection.observation().binaries(), timeout), chosen,
                Iptables.DEFAULT_LOCK_WAIT_SECONDS);
    }

    /** A failed prelude on its way out of {@link #BESIDE}. */
    private static final class UncheckedInspection extends RuntimeException {
        UncheckedInspection(InspectionException cause) {
            super(cause);
        }

        @Override
        public synchronized InspectionException getCause() {
            return (InspectionException) super.getCause();
        }
    }

    /** The netns's inode (null if unreadable) and the running kernel's release (null if unknown). */
    private record Prelude(Long inode, String kernelRelease) {
    }

    /**
     * Proves the netns can be entered before anything else runs; reads its inode and the kernel's release in the
     * same batch (one ssh session remotely): the stat's failure explains the others'.
     */
    private Prelude enterable(NetnsTarget target) {
        String file = target.nsPath().orElse("/proc/self/ns/net");
        List<Command> checks = new java.util.ArrayList<>(List.of(
                Command.of("stat", "-L", "-c", "%i", file).withTimeout(timeout),
                Command.of("uname", "-r").withTimeout(timeout)));
        target.nsPath().ifPresent(p -> checks.add(target.enter(Command.of("true").withTimeout(timeout))));
        List<CommandResult> r = runner.runAll(checks);
        CommandResult stat = r.get(0);
        if (!stat.ok()) {
            throw new UncheckedInspection(new InspectionException("netns " + target.spec() + " not found: " + file + ": "
                    + stat.summary()));
        }
        String release = r.get(1).ok() ? r.get(1).stdoutText().strip() : null;
        if (r.size() > 2) {
            CommandResult enter = r.get(2);
            if (!enter.ok()) {
                throw new UncheckedInspection(new InspectionException("cannot enter netns " + target.spec() + ": "
                        + enter.summary() + (enter.denied() ? " (run as root, or choose sudo in the privilege mode)" : "")));
            }
        }
        try {
            return new Prelude(Long.parseLong(stat.stdoutText().strip()), release);
        } catch (NumberFormatException e) {
            return new Prelude(null, release);
        }
    }
}
