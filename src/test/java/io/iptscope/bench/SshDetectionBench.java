package io.iptscope.bench;

import io.iptscope.detect.BackendEvidence;
import io.iptscope.detect.Detector;
import io.iptscope.detect.Inspection;
import io.iptscope.discover.BinarySource;
import io.iptscope.exec.Command;
import io.iptscope.exec.CommandResult;
import io.iptscope.exec.CommandRunner;
import io.iptscope.exec.HostKeyPrompt;
import io.iptscope.exec.LocalRunner;
import io.iptscope.remote.HostEntry;
import io.iptscope.exec.PrivilegeMode;
import io.iptscope.remote.RemoteHost;
import io.iptscope.remote.Runners;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.testing.KubeRules;
import io.iptscope.testing.TestNetns;
import io.iptscope.testing.TestSshd;
import java.nio.file.Files;
import java.nio.file.Path;
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
    static final String TITLE = "Remote detection over SSH";
    private static final String NOISE = "\nOther work shared the 2 cores (see the load average), so single runs vary "
            + "widely; most of a run is the kernel's answer to `nft -j list` and `iptables-nft-save` on 100k rules, "
            + "the same work in both. LocalRunner runs up to 4 commands at once; SshRunner sends a phase as one "
            + "request to a remote shell started at connect, which runs its commands at once.\n";

    private SshDetectionBench() {
    }

    public static void main(String[] args) throws Exception {
        int rules = intArg(args, "--rules", 100_000);
        int rounds = intArg(args, "--rounds", 3);
        boolean withRc = List.of(args).contains("--with-shell-rc");
        // A login shell that costs this much per session (ForceCommand sleeps first), as issue 13 measures.
        Duration loginDelay = Duration.ofMillis(intArg(args, "--login-delay-ms", 0));
        String rulesText = KubeRules.generate(rules, false);
        try (TestNetns ns = TestNetns.create(); TestSshd sshd = TestSshd.start(!withRc, loginDelay)) {
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
                long sessionsBefore = sshd.sessions();
                for (int i = 0; i < rounds; i++) {
                    localMs.add(timed(local, ns));
                    remoteMs.add(timed(remote, ns));
                }
                // Sessions are counted only by the login-delay wrapper: -1 says "not counted".
                long sessionsPerRun = loginDelay.isZero() ? -1 : (sshd.sessions() - sessionsBefore) / rounds;
                double l = median(localMs);
                double r = median(remoteMs);
                String section = section(rules, rounds, withRc, connectMs, localMs, remoteMs,
                        sameConclusions(localResult, remoteResult), nftRules(remoteResult), String.join(" ", args),
                        loginDelay, sessionsPerRun);
                System.out.print(section);
                System.out.printf(Locale.ROOT, "ratio remote/local: %.2f (target <= 1.3)%n", r / l);
                Path doc = stringArg(args, "--write");
                if (doc != null) {
                    Files.writeString(doc, withSection(Files.exists(doc) ? Files.readString(doc) : "", section));
                    System.out.println("wrote the section \"" + TITLE + "\" of " + doc);
                }
            }
        }
    }

    /** The markdown section, reproducible from its own command line. */
    private static String section(int rules, int rounds, boolean withRc, double connectMs, List<Double> localMs,
                                  List<Double> remoteMs, boolean same, int rulesSeen, String args,
                                  Duration loginDelay, long sessionsPerRun) {
        double l = median(localMs);
        double r = median(remoteMs);
        StringBuilder md = new StringBuilder("## " + TITLE + "\n\n");
        md.append("Written by `bin/bench-ssh` (its section only). Reproduce with:\n\n```\nbin/bench-ssh ")
                .append(args).append("\n```\n\n");
        md.append("A netns holding `KubeRules.generate(").append(rules).append(", false)` (kube-proxy rules, IPv4, "
                + "restored with `iptables-nft-restore`) is detected with `Detector` (binaries from PATH, every "
                + "strategy, all evidence) locally and through `SshRunner` to a test OpenSSH sshd on 127.0.0.1, "
                + "alternating, in one JVM, after one untimed pass of each. The master connection is up before "
                + "timing (a cold connect with the privilege probe is shown apart). Shell rc files of the remote "
                + "login: ").append(withRc ? "sourced" : "skipped (`SetEnv SHLVL=1`: root's ~/.bashrc here runs "
                + "`pyenv init`, about 250 ms per session, a cost of this host's setup; `--with-shell-rc` measures "
                + "it)").append(loginDelay.isZero() ? "" : "; every session first sleeps "
                + loginDelay.toMillis() + " ms (`ForceCommand`), a slow login shell").append(".\n\n");
        md.append(String.format(Locale.ROOT, "* date: %s UTC, %s, load average (1 min) at the end: %s%n",
                java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).withNano(0).toString().replace('T', ' '),
                Runtime.getRuntime().availableProcessors() + " cores", loadAverage()));
        md.append("* ssh: ").append(sshVersion()).append('\n');
        md.append(String.format(Locale.ROOT, "* nft IPv4 rules seen: %d; same verdicts, findings and rule counts "
                + "locally and remotely: %s%n", rulesSeen, same ? "yes" : "NO"));
        md.append(String.format(Locale.ROOT, "* cold connect + privilege probe: %.0f ms%n", connectMs));
        md.append(sessionsPerRun < 0 ? "\n" : String.format(Locale.ROOT, "* ssh sessions per remote detection: %d%n%n",
                sessionsPerRun));
        md.append("| run | median ms | runs (ms) |\n|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| local | %.0f | %s |%n", l, format(localMs)));
        md.append(String.format(Locale.ROOT, "| over SSH | %.0f | %s |%n%n", r, format(remoteMs)));
        md.append(String.format(Locale.ROOT, "Ratio remote/local: **%.2f** (target ≤ 1.3: %s).%n", r / l,
                r / l <= 1.3 ? "met" : "not met"));
        md.append(NOISE);
        return md.toString();
    }

    /** {@code doc} with the section replaced (up to the next top-level heading) or appended. */
    static String withSection(String doc, String section) {
        String heading = "## " + TITLE + "\n";
        int at = doc.startsWith(heading) ? 0 : doc.indexOf("\n" + heading);
        if (at < 0) {
            return doc.isEmpty() ? section : doc.stripTrailing() + "\n\n" + section;
        }
        int start = at == 0 ? 0 : at + 1;
        int next = doc.indexOf("\n## ", start + heading.length());
        String rest = next < 0 ? "" : doc.substring(next + 1);
        return doc.substring(0, start) + section + (rest.isEmpty() ? "" : "\n" + rest);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static String sshVersion() {
        CommandResult v = new LocalRunner().run(Command.of("ssh", "-V"));
        return v.stderrText().strip();
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

    private static Path stringArg(String[] args, String name) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Path.of(args[i + 1]);
            }
        }
        return null;
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
