package io.iptscope.iptables;

import io.iptscope.discover.BinaryInventory;
import io.iptscope.discover.ToolKind;
import io.iptscope.exec.CommandResult;
import io.iptscope.exec.CommandRunner;
import io.iptscope.exec.NetnsTarget;
import io.iptscope.exec.Running;
import io.iptscope.iptables.WatchEvent.Type;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Chain;
import io.iptscope.rules.Counters;
import io.iptscope.rules.Family;
import io.iptscope.rules.Rule;
import io.iptscope.rules.RuleNormalizer;
import io.iptscope.rules.RuleRef;
import io.iptscope.rules.Ruleset;
import io.iptscope.rules.RulesetDiff;
import io.iptscope.rules.RulesetDiffer;
import io.iptscope.rules.SaveParser;
import io.iptscope.rules.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches both backends of a netns. nft changes arrive as {@code nft monitor} events, each followed by
 * a re-read and a diff; legacy has no events and is polled (its /proc table list first, then a save
 * whose rule text is compared by hash). A flush of everything, which Kubernetes' canaries exist to
 * catch, is reported loudly. Reads only, unless a canary is asked for.
 *
 * <p>Nothing ends it silently: a scheduled read that fails is logged and reported as
 * {@code watch-lost} (and {@code watch-resumed} when reads work again), and an {@code nft monitor}
 * that ends on its own is reported as {@code monitor-ended}, after which nft is polled.
 */
public final class Watch implements AutoCloseable {

    /**
     * @param interval how often legacy (and, with counters, nft) is polled
     * @param counters report rule counters' change since the last poll
     * @param canary   create {@value #CANARY} in mangle of these backends and report when it disappears
     */
    public record Options(Duration interval, boolean counters, List<Backend> canary) {
        public Options {
            canary = List.copyOf(canary);
        }
    }

    public static final String CANARY = Canaries.IPTSCOPE_CANARY;
    private static final System.Logger LOG = System.getLogger(Watch.class.getName());
    private static final Duration NFT_DEBOUNCE = Duration.ofMillis(150);
    /** nft monitor subscribes a moment after it starts; a read this much later covers that gap. */
    private static final Duration MONITOR_SETTLE = Duration.ofSeconds(1);
    private static final Pattern GENERATION = Pattern.compile("^# new generation \\d+ by process (\\d+) \\((.*)\\)");
    private static final int HOT_RULES = 5;

    private record Key(Backend backend, Family family) {
    }

    /** The last state seen of one backend and family. */
    private record State(String hash, Ruleset rules, int ruleCount) {
    }

    private final Endpoint ep;
    private final Duration timeout;
    private final Options options;
    private final Consumer<WatchEvent> sink;
    private final Map<Key, State> states = new HashMap<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "iptscope-watch");
        t.setDaemon(true);
        return t;
    });
    private final List<Key> canariesMade = new ArrayList<>();
    private volatile Running monitor;
    private ScheduledFuture<?> pendingNftRead;
    private boolean lost;
    private volatile String lastWriter;
    private volatile boolean closed;

    public Watch(CommandRunner runner, NetnsTarget target, BinaryInventory binaries, Duration timeout, Options options,
                 Consumer<WatchEvent> sink) {
        this(new Endpoint(runner, target, binaries, timeout), options, sink);
    }

    public Watch(Endpoint ep, Options options, Consumer<WatchEvent> sink) {
        this.ep = ep;
        this.timeout = ep.timeout();
        this.options = options;
        this.sink = sink;
    }

    /**
     * Starts the nft monitor, then takes the first snapshot, then starts the legacy poll. A change made
     * while the monitor was still subscribing is caught by one more nft read a moment later.
     */
    public void start() {
        if (ep.nft().isPresent()) {
            monitor = ep.nftMonitor(this::onMonitorLine);
        } else {
            emit(Type.ERROR, Backend.NFT, null, null, null, null,
                    "nft is not in the binary source: nft is polled instead", null);
        }
        call(() -> {
            for (Backend b : options.canary()) {
                makeCanary(b);
            }
            for (Backend b : Backend.values()) {
                for (Family f : Family.values()) {
                    read(b, f, true);
                }
            }
        });
        worker.schedule(guarded(this::readNft), MONITOR_SETTLE.toMillis(), TimeUnit.MILLISECONDS);
        long ms = options.interval().toMillis();
        worker.scheduleWithFixedDelay(guarded(this::poll), ms, ms, TimeUnit.MILLISECONDS);
    }

    /**
     * A scheduled task that cannot die silently: a failure (e.g. the SSH connection broke) is logged and
     * reported once as {@code watch-lost}; the next read that works reports {@code watch-resumed}. The
     * schedule goes on, where an escaping exception would have cancelled it for good.
     */
    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
                if (lost && !closed) {
                    lost = false;
                    emit(Type.WATCH_RESUMED, null, null, null, null, null, "reads work again", null);
                }
            } catch (RuntimeException | Error e) {
                LOG.log(System.Logger.Level.ERROR, "watch of " + ep.netns().spec() + " on " + ep.host() + ": a read failed", e);
                if (!lost && !closed) {
                    lost = true;
                    emit(Type.WATCH_LOST, null, null, null, null, null, "reads failed: " + e + "; retrying every "
                            + options.interval().toMillis() + " ms", null);
                }
            }
        };
    }

    /** Stops the monitor and the poll, removes the canaries it made; leaves no process behind. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (monitor != null) {
            monitor.stop();
        }
        call(() -> canariesMade.forEach(this::removeCanary));
        worker.shutdownNow();
        try {
            worker.awaitTermination(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void onMonitorLine(String line) {
        Matcher m = GENERATION.matcher(line);
        if (m.find()) {
            lastWriter = m.group(2) + "[" + m.group(1) + "]";
        }
        // One transaction prints many lines: read once, shortly after the last of them.
        synchronized (this) {
            if (closed) {
                return;
            }
            if (pendingNftRead != null) {
                pendingNftRead.cancel(false);
            }
            pendingNftRead = worker.schedule(guarded(this::readNft), NFT_DEBOUNCE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void readNft() {
        for (Family f : Family.values()) {
            read(Backend.NFT, f, false);
        }
    }

    private void poll() {
        monitorEnded();
        for (Family f : Family.values()) {
            read(Backend.LEGACY, f, false);
            if (monitor == null || options.counters()) {
                read(Backend.NFT, f, false);
            }
        }
    }

    /** An nft monitor that ended by itself (killed, or its SSH channel closed) is reported, and nft polled instead. */
    private void monitorEnded() {
        Running m = monitor;
        if (m == null || m.alive() || closed) {
            return;
        }
        monitor = null;
        CommandResult how = m.stop();
        LOG.log(System.Logger.Level.WARNING, "nft monitor in " + ep.netns().spec() + " ended: " + how.summary());
        emit(Type.MONITOR_ENDED, Backend.NFT, null, null, null, null, "nft monitor ended (" + how.summary()
                + "): nft is polled every " + options.interval().toMillis() + " ms instead", null);
    }

    /** Reads one backend and family and reports what changed since the last read. */
    private void read(Backend b, Family f, boolean first) {
        Key key = new Key(b, f);
        Ruleset now = save(b, f);
        if (now == null) {
            return;
        }
        String hash = rulesHash(now);
        State before = states.get(key);
        states.put(key, new State(hash, now, now.ruleCount()));
        if (first || before == null) {
            emit(Type.SNAPSHOT, b, f, null, null, null, now.ruleCount() + " rules in " + now.tables().size() + " tables"
                    + canaries(now), null);
            return;
        }
        String writer = b == Backend.NFT ? lastWriter : null;
        if (!hash.equals(before.hash())) {
            changes(b, f, before.rules(), now, writer);
            if (before.ruleCount() > 0 && now.ruleCount() == 0) {
                emit(Type.FLUSH, b, f, null, null, null, "ALL " + before.ruleCount() + " " + b.id() + " " + f.id()
                        + " rules are gone (a flush of everything, e.g. a firewall reload)", writer);
            }
            canaryChanges(b, f, before.rules(), now, writer);
        }
        if (options.counters()) {
            counters(b, f, before.rules(), now);
        }
    }

    private Ruleset save(Backend b, Family f) {
        Read r = ep.read(b, f, options.counters());
        if (r.noLegacyTables()) {
            return SaveParser.parse("", "empty").ruleset();
        }
        if (r.save() == null) {
            return null;
        }
        if (r.result() == null) {
            emit(Type.ERROR, b, f, null, null, null, "cannot read " + Quirks.legacyNamesFile(f) + ": "
                    + r.legacy().read().summary(), null);
            return null;
        }
        if (!r.ok()) {
            emit(Type.ERROR, b, f, null, null, null, r.save().name() + ": " + r.result().summary(), null);
            return null;
        }
        return SaveParser.parse(r.result().stdoutText(), r.save().name()).ruleset();
    }

    private void changes(Backend b, Family f, Ruleset before, Ruleset now, String writer) {
        RulesetDiff diff = RulesetDiffer.diff(before, now, "before", "now", false);
        for (RulesetDiff.TableDiff t : diff.tables()) {
            for (RulesetDiff.ChainDiff c : t.chains()) {
                if (c.status() == RulesetDiff.Status.ADDED) {
                    emit(Type.CHAIN_ADDED, b, f, t.name(), c.name(), null, null, writer);
                } else if (c.status() == RulesetDiff.Status.REMOVED) {
                    emit(Type.CHAIN_REMOVED, b, f, t.name(), c.name(), null, null, writer);
                } else if (c.policyChanged()) {
                    emit(Type.POLICY_CHANGED, b, f, t.name(), c.name(), null,
                            c.policyBefore() + " -> " + c.policyAfter(), writer);
                }
                for (RulesetDiff.RuleChange rc : c.rules()) {
                    RuleRef ref = rc.after() != null ? rc.after() : rc.before();
                    emit(Type.of(rc.kind()), b, f, t.name(), c.name(), ref.text(),
                            "position " + ref.position(), writer);
                }
            }
        }
    }

    /** Canaries per table, as Kubernetes' monitor checks them: one gone from a table means that table was flushed. */
    private void canaryChanges(Backend b, Family f, Ruleset before, Ruleset now, String writer) {
        Set<String> tables = new LinkedHashSet<>();
        before.tables().forEach(t -> tables.add(t.name()));
        now.tables().forEach(t -> tables.add(t.name()));
        for (String table : tables) {
            for (String canary : Canaries.WATCHED) {
                boolean was = before.table(table).flatMap(t -> t.chain(canary)).isPresent();
                boolean is = now.table(table).flatMap(t -> t.chain(canary)).isPresent();
                if (was != is) {
                    emit(was ? Type.FLUSH : Type.CANARY, b, f, table, canary, null, was ? canary + " is gone from "
                            + table + ": the table was flushed or reloaded by someone else" : canary + " appeared",
                            writer);
                }
            }
        }
    }

    /** The rules whose packet counters moved since the last read, hottest first, and how many never moved. */
    private void counters(Backend b, Family f, Ruleset before, Ruleset now) {
        Map<String, Long> old = new HashMap<>();
        for (Table t : before.tables()) {
            for (Chain c : t.chains()) {
                for (Rule r : c.rules()) {
                    old.put(t.name() + "/" + RuleNormalizer.key(r.spec()), packets(r.counters()));
                }
            }
        }
        List<Map.Entry<String, Long>> hot = new ArrayList<>();
        int idle = 0;
        for (Table t : now.tables()) {
            for (Chain c : t.chains()) {
                for (Rule r : c.rules()) {
                    long delta = packets(r.counters()) - old.getOrDefault(t.name() + "/" + RuleNormalizer.key(r.spec()), 0L);
                    if (delta > 0) {
                        hot.add(Map.entry(t.name() + " " + r.raw(), delta));
                    } else if (packets(r.counters()) == 0) {
                        idle++;
                    }
                }
            }
        }
        if (hot.isEmpty()) {
            return;
        }
        hot.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Long> e : hot.subList(0, Math.min(HOT_RULES, hot.size()))) {
            sb.append(sb.length() == 0 ? "" : "; ").append('+').append(e.getValue()).append(" pkts ").append(e.getKey());
        }
        emit(Type.COUNTERS, b, f, null, null, null, hot.size() + " rules hit since the last read (" + sb + "); "
                + idle + " rules never hit", null);
    }

    private void makeCanary(Backend b) {
        for (Family f : Family.values()) {
            CommandResult r = canaryCommand(b, f, "-N");
            if (r == null) {
                emit(Type.ERROR, b, f, Canaries.TABLE, CANARY, null,
                        Endpoint.missing(b, f, ToolKind.BASE) + ": no canary", null);
            } else if (r.ok()) {
                canariesMade.add(new Key(b, f));
            } else {
                emit(Type.ERROR, b, f, Canaries.TABLE, CANARY, null, "cannot create the canary: " + r.summary(), null);
            }
        }
    }

    private void removeCanary(Key k) {
        canaryCommand(k.backend(), k.family(), "-X");
    }

    /** The canary chain made or removed with the backend's own binary; null when the binary source lacks it. */
    private CommandResult canaryCommand(Backend b, Family f, String op) {
        return ep.binary(b, f, ToolKind.BASE).map(bin -> ep.runner().run(ep.iptables(bin,
                Iptables.DEFAULT_LOCK_WAIT_SECONDS, Canaries.TABLE, List.of(op, CANARY)))).orElse(null);
    }

    private static boolean hasChain(Ruleset rs, String chain) {
        return rs.tables().stream().anyMatch(t -> t.chain(chain).isPresent());
    }

    private static String canaries(Ruleset rs) {
        List<String> found = new ArrayList<>();
        for (String c : List.of(Canaries.KUBE_KUBELET_CANARY, Canaries.KUBE_PROXY_CANARY, Canaries.KUBE_IPTABLES_HINT,
                CANARY)) {
            if (hasChain(rs, c)) {
                found.add(c);
            }
        }
        return found.isEmpty() ? "" : "; markers: " + String.join(", ", found);
    }

    /** A hash of the rules without their counters, so that moving counters alone are no change. */
    private static String rulesHash(Ruleset rs) {
        StringBuilder sb = new StringBuilder();
        for (Table t : rs.tables()) {
            sb.append('*').append(t.name()).append('\n');
            for (Chain c : t.chains()) {
                sb.append(':').append(c.name()).append(' ').append(c.policy()).append('\n');
                for (Rule r : c.rules()) {
                    sb.append(r.body()).append('\n');
                }
            }
        }
        return Integer.toHexString(sb.toString().hashCode()) + ":" + sb.length();
    }

    private static long packets(Counters c) {
        return c == null ? 0 : c.packets();
    }

    /** Hands an event to the sink; a sink that throws is logged, never allowed to stop the watch. */
    private void emit(Type type, Backend b, Family f, String table, String chain, String rule,
                      String detail, String writer) {
        WatchEvent event = new WatchEvent(Instant.now(), type, b, f, table, chain, rule, detail, writer);
        try {
            sink.accept(event);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "the watch's listener failed on " + event, e);
        }
    }

    /** Runs on the watch thread and waits for it: every read and every state change happens there. */
    private void call(Runnable r) {
        try {
            worker.submit(r).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            emit(Type.ERROR, null, null, null, null, null, String.valueOf(e.getCause()), null);
        }
    }
}
