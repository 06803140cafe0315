package io.iptscope.bench;

import io.iptscope.detect.BackendEvidence;
import io.iptscope.detect.Detector;
import io.iptscope.detect.Inspection;
import io.iptscope.discover.BinarySource;
import io.iptscope.exec.CommandRunner;
import io.iptscope.exec.HostKeyPrompt;
import io.iptscope.exec.LocalRunner;
import io.iptscope.remote.HostEntry;
import io.iptscope.remote.PrivilegeMode;
import io.iptscope.remote.RemoteHost;
import io.iptscope.remote.Runners;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.testing.KubeRules;
import io.iptscope.testing.TestNetns;
import io.iptscope.testing.TestSshd;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Remote detection of a netns with many kube-proxy rules over loopback SSH against the same
 * detection run locally, in one run, alternating. Started by {@code bin/bench-ssh}; never a test.
 * Prints the medians, every round, and the cost of one cold connect.
 */
public final class SshDetectionBench {

    private static final Duration TIMEOUT = Duration.ofSeconds(300);

    private SshDetectionBench() {
    }

    public static void main(String[] args) throws Exception {
        int rules = intArg(args, "--rules", 100_000);
        int rounds = intArg(args, "--rounds", 3);
        boolean withRc = List.of(args).contains("--with-shell-rc");
        String rulesText = KubeRules.generate(rules, false);
        try (TestNetns ns = TestNetns.create(); TestSshd sshd = TestSshd.start(!withRc)) {
            ns.restore("iptables-nft-restore", rulesText);
            RemoteHost host = Runners.remote(HostEntry.of(TestSshd.DESTINATION, PrivilegeMode.AUTO),
                    sshd.clientOptions(), HostKeyPrompt.REFUSE, q -> Optional.empty());
            try (host) {
                long c0 = System.nanoTime();
                CommandRunner remote = host.runner();
                double connectMs = (System.nanoTime() - c0) / 1e6;
                CommandRunner local = new LocalRunner();
                // One untimed pass each warms the page cache, the JIT and the kernel's nft caches.
                Inspection localResult = detect(local, ns);
                Inspection remoteResult = detect(remote, ns);
                List<Double> localMs = new ArrayList<>();
                List<Double> remoteMs = new ArrayList<>();
                for (int i = 0; i < rounds; i++) {
                    localMs.add(timed(local, ns));
                    remoteMs.add(timed(remote, ns));
                }
                double l = median(localMs);
                double r = median(remoteMs);
                System.out.printf(Locale.ROOT, "rules: %d (nft, ipv4), netns %s, rounds: %d, shell rc: %s%n", rules,
                        ns.name(), rounds, withRc ? "sourced" : "skipped (SHLVL=1)");
                System.out.printf(Locale.ROOT, "nft ipv4 rules seen: local %d, remote %d; same conclusions: %s%n",
                        nftRules(localResult), nftRules(remoteResult), sameConclusions(localResult, remoteResult));
                System.out.printf(Locale.ROOT, "cold connect + privilege probe: %.0f ms%n", connectMs);
                System.out.printf(Locale.ROOT, "local  ms: %s  median %.0f%n", format(localMs), l);
                System.out.printf(Locale.ROOT, "remote ms: %s  median %.0f%n", format(remoteMs), r);
                System.out.printf(Locale.ROOT, "ratio remote/local: %.2f (target <= 1.3)%n", r / l);
            }
        }
    }

    private static Inspection detect(CommandRunner runner, TestNetns ns) throws Exception {
        return new Detector(runner, TIMEOUT).inspect(ns.target(), new BinarySource.ProcessPath());
    }

    private static double timed(CommandRunner runner, TestNetns ns) throws Exception {
        long t0 = System.nanoTime();
        detect(runner, ns);
        return (System.nanoTime() - t0) / 1e6;
    }

    private static int nftRules(Inspection i) {
        BackendEvidence e = i.observation().evidence().of(Backend.NFT, Family.IPV4);
        return e.ruleCount();
    }

    private static boolean sameConclusions(Inspection a, Inspection b) {
        return a.verdicts().equals(b.verdicts()) && nftRules(a) == nftRules(b)
                && a.findings().stream().map(f -> f.id()).toList().equals(b.findings().stream().map(f -> f.id()).toList());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String format(List<Double> values) {
        return String.join(" ", values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList());
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
