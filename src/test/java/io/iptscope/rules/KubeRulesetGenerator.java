package io.iptscope.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Makes kube-proxy-like rulesets (iptables mode, Kubernetes 1.26+) of a given size, deterministic for a
 * seed: the same ideas as {@code shared/tools/gen-kube-rules.py}, but printed the way iptables-save prints
 * them back (canonical option order, {@code /32} and {@code /128}, {@code --set-xmark}, explicit
 * {@code --reject-with}, chains sorted, rules grouped by chain). The text is both a realistic dump and
 * valid iptables-restore input.
 *
 * <p>Mix per service port: endpoints 0/1/2/3/5/10/30 with weights 2/28/30/20/10/8/2 %, 90 % TCP, 15 % NodePorts
 * while the 30000-32767 range lasts; services without endpoints get REJECT rules in filter.
 */
public final class KubeRulesetGenerator {

    /** What a generated ruleset holds. */
    public record Stats(int rules, int services, int endpoints, int nodePorts, int withoutEndpoints) {
    }

    /** The text and its stats. */
    public record Generated(String text, Stats stats) {
    }

    private static final int[] ENDPOINTS = {0, 1, 2, 3, 5, 10, 30};
    private static final int[] WEIGHTS = {2, 28, 30, 20, 10, 8, 2};
    private static final String[][] PORTS = {
        {"http", "80", "8080"}, {"https", "443", "8443"}, {"grpc", "9090", "9090"}, {"metrics", "9100", "9100"},
        {"dns", "53", "53"}, {"redis", "6379", "6379"}, {"pg", "5432", "5432"}, {"", "8080", "8080"}};
    private static final List<String> FILTER_BUILTINS = List.of("INPUT", "FORWARD", "OUTPUT");
    private static final List<String> NAT_BUILTINS = List.of("PREROUTING", "INPUT", "OUTPUT", "POSTROUTING");

    private KubeRulesetGenerator() {
    }

    /** At least {@code targetRules} {@code -A} rules (a few more: a service is never cut in half). */
    public static Generated generate(int targetRules, long seed, Family family) {
        return new Run(targetRules, seed, family).run();
    }

    private static final class Run {
        private final int target;
        private final Random rnd;
        private final boolean v6;
        private final String hostBits;
        private final String clusterCidr;
        private final String rejectWith;
        private final Map<String, List<String>> filter = new LinkedHashMap<>();
        private final Map<String, List<String>> nat = new LinkedHashMap<>();
        private final MessageDigest sha256;
        private int count;

        Run(int target, long seed, Family family) {
            this.target = target;
            this.rnd = new Random(seed);
            this.v6 = family == Family.IPV6;
            this.hostBits = v6 ? "/128" : "/32";
            this.clusterCidr = v6 ? "fd00:10:244::/104" : "10.244.0.0/14";
            this.rejectWith = v6 ? "icmp6-port-unreachable" : "icmp-port-unreachable";
            try {
                this.sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }

        Generated run() {
            for (String c : FILTER_BUILTINS) {
                filter.put(c, new ArrayList<>());
            }
            for (String c : List.of("KUBE-EXTERNAL-SERVICES", "KUBE-FIREWALL", "KUBE-FORWARD", "KUBE-KUBELET-CANARY",
                    "KUBE-NODEPORTS", "KUBE-PROXY-CANARY", "KUBE-PROXY-FIREWALL", "KUBE-SERVICES")) {
                filter.put(c, new ArrayList<>());
            }
            for (String c : NAT_BUILTINS) {
                nat.put(c, new ArrayList<>());
            }
            for (String c : List.of("KUBE-KUBELET-CANARY", "KUBE-MARK-DROP", "KUBE-MARK-MASQ", "KUBE-NODEPORTS",
                    "KUBE-POSTROUTING", "KUBE-PROXY-CANARY", "KUBE-SERVICES")) {
                nat.put(c, new ArrayList<>());
            }
            fixedRules();
            int services = 0;
            int endpoints = 0;
            int nodePortCount = 0;
            int without = 0;
            List<Integer> nodePorts = new ArrayList<>();
            for (int p = 30000; p < 32768; p++) {
                nodePorts.add(p);
            }
            Collections.shuffle(nodePorts, rnd);
            long svcBase = 10;
            long podBase = 2;
            long podSpan = v6 ? (1L << 24) - 4 : (1L << 18) - 4;
            long epCursor = 0;
            // The final nodeports rule of nat KUBE-SERVICES is counted up front, as the Python tool does.
            count++;
            while (count < target) {
                String ns = namespace(services);
                String svc = String.format(Locale.ROOT, "svc-%06d", services);
                String[] port = PORTS[rnd.nextInt(PORTS.length)];
                String proto = port[0].equals("dns") || rnd.nextDouble() < 0.08 ? "udp" : "tcp";
                String spn = port[0].isEmpty() ? ns + "/" + svc : ns + "/" + svc + ":" + port[0];
                String cip = address(true, svcBase + services);
                services++;
                int neps = weightedEndpoints();
                Integer nodePort = !nodePorts.isEmpty() && rnd.nextDouble() < 0.15 ? nodePorts.remove(nodePorts.size() - 1)
                        : null;
                String svcChain = chainHash("KUBE-SVC-", spn + proto);
                String extChain = chainHash("KUBE-EXT-", spn + proto);
                String comment = Tokenizer.quote(spn);
                if (neps == 0) {
                    without++;
                    add(filter, "KUBE-SERVICES", "-d " + cip + hostBits + " -p " + proto + " -m comment --comment "
                            + Tokenizer.quote(spn + " has no endpoints") + " -m " + proto + " --dport " + port[1]
                            + " -j REJECT --reject-with " + rejectWith);
                    if (nodePort != null) {
                        add(filter, "KUBE-EXTERNAL-SERVICES", "-p " + proto + " -m comment --comment "
                                + Tokenizer.quote(spn + " has no endpoints") + " -m addrtype --dst-type LOCAL -m " + proto
                                + " --dport " + nodePort + " -j REJECT --reject-with " + rejectWith);
                    }
                    continue;
                }
                add(nat, "KUBE-SERVICES", "-d " + cip + hostBits + " -p " + proto + " -m comment --comment "
                        + Tokenizer.quote(spn + " cluster IP") + " -m " + proto + " --dport " + port[1] + " -j " + svcChain);
                nat.put(svcChain, new ArrayList<>());
                add(nat, svcChain, "! -s " + clusterCidr + " -d " + cip + hostBits + " -p " + proto
                        + " -m comment --comment " + Tokenizer.quote(spn + " cluster IP") + " -m " + proto + " --dport "
                        + port[1] + " -j KUBE-MARK-MASQ");
                for (int e = 0; e < neps; e++) {
                    String ip = address(false, podBase + (epCursor % podSpan));
                    epCursor++;
                    String ep = v6 ? "[" + ip + "]:" + port[2] : ip + ":" + port[2];
                    String sep = chainHash("KUBE-SEP-", spn + proto + ep);
                    int left = neps - e;
                    String epComment = Tokenizer.quote(spn + " -> " + ep);
                    if (left > 1) {
                        add(nat, svcChain, "-m comment --comment " + epComment + " -m statistic --mode random --probability "
                                + RuleNormalizer.probability(1.0 / left) + " -j " + sep);
                    } else {
                        add(nat, svcChain, "-m comment --comment " + epComment + " -j " + sep);
                    }
                    nat.put(sep, new ArrayList<>());
                    add(nat, sep, "-s " + ip + hostBits + " -m comment --comment " + comment + " -j KUBE-MARK-MASQ");
                    add(nat, sep, "-p " + proto + " -m comment --comment " + comment + " -m " + proto
                            + " -j DNAT --to-destination " + ep);
                }
                endpoints += neps;
                if (nodePort != null) {
                    nodePortCount++;
                    add(nat, "KUBE-NODEPORTS", "-p " + proto + " -m comment --comment " + comment + " -m " + proto
                            + " --dport " + nodePort + " -j " + extChain);
                    nat.put(extChain, new ArrayList<>());
                    add(nat, extChain, "-m comment --comment " + Tokenizer.quote("masquerade traffic for " + spn
                            + " external destinations") + " -j KUBE-MARK-MASQ");
                    add(nat, extChain, "-j " + svcChain);
                }
            }
            count--;
            add(nat, "KUBE-SERVICES", "-m comment --comment \"kubernetes service nodeports; NOTE: this must be the last"
                    + " rule in this chain\" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS");
            StringBuilder out = new StringBuilder(count * 160 + 4096);
            out.append("# kube-proxy-like ruleset made by iptscope: ").append(count).append(" rules\n");
            table(out, "filter", filter, FILTER_BUILTINS);
            table(out, "nat", nat, NAT_BUILTINS);
            return new Generated(out.toString(), new Stats(count, services, endpoints, nodePortCount, without));
        }

        private void fixedRules() {
            String ctNew = "-m conntrack --ctstate NEW -m comment --comment ";
            add(filter, "INPUT", ctNew + "\"kubernetes load balancer firewall\" -j KUBE-PROXY-FIREWALL");
            add(filter, "INPUT", "-m comment --comment \"kubernetes health check service ports\" -j KUBE-NODEPORTS");
            add(filter, "INPUT", ctNew + "\"kubernetes externally-visible service portals\" -j KUBE-EXTERNAL-SERVICES");
            add(filter, "INPUT", "-j KUBE-FIREWALL");
            add(filter, "FORWARD", ctNew + "\"kubernetes load balancer firewall\" -j KUBE-PROXY-FIREWALL");
            add(filter, "FORWARD", "-m comment --comment \"kubernetes forwarding rules\" -j KUBE-FORWARD");
            add(filter, "FORWARD", ctNew + "\"kubernetes service portals\" -j KUBE-SERVICES");
            add(filter, "FORWARD", ctNew + "\"kubernetes externally-visible service portals\" -j KUBE-EXTERNAL-SERVICES");
            add(filter, "OUTPUT", ctNew + "\"kubernetes load balancer firewall\" -j KUBE-PROXY-FIREWALL");
            add(filter, "OUTPUT", ctNew + "\"kubernetes service portals\" -j KUBE-SERVICES");
            add(filter, "OUTPUT", "-j KUBE-FIREWALL");
            if (!v6) {
                add(filter, "KUBE-FIREWALL", "! -s 127.0.0.0/8 -d 127.0.0.0/8 -m comment --comment \"block incoming"
                        + " localnet connections\" -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP");
            }
            add(filter, "KUBE-FORWARD", "-m conntrack --ctstate INVALID -j DROP");
            add(filter, "KUBE-FORWARD", "-m comment --comment \"kubernetes forwarding rules\" -m mark --mark"
                    + " 0x4000/0x4000 -j ACCEPT");
            add(filter, "KUBE-FORWARD", "-m comment --comment \"kubernetes forwarding conntrack rule\" -m conntrack"
                    + " --ctstate RELATED,ESTABLISHED -j ACCEPT");
            add(nat, "PREROUTING", "-m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES");
            add(nat, "OUTPUT", "-m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES");
            add(nat, "POSTROUTING", "-m comment --comment \"kubernetes postrouting rules\" -j KUBE-POSTROUTING");
            add(nat, "KUBE-MARK-DROP", "-j MARK --set-xmark 0x8000/0x8000");
            add(nat, "KUBE-MARK-MASQ", "-j MARK --set-xmark 0x4000/0x4000");
            add(nat, "KUBE-POSTROUTING", "-m mark ! --mark 0x4000/0x4000 -j RETURN");
            add(nat, "KUBE-POSTROUTING", "-j MARK --set-xmark 0x4000/0x0");
            add(nat, "KUBE-POSTROUTING", "-m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE");
        }

        private void add(Map<String, List<String>> table, String chain, String rest) {
            table.get(chain).add("-A " + chain + " " + rest);
            count++;
        }

        /** iptables-save order: builtin chains first, then user chains sorted by name; rules grouped by chain. */
        private static void table(StringBuilder out, String name, Map<String, List<String>> chains, List<String> builtins) {
            Map<String, List<String>> user = new TreeMap<>(chains);
            builtins.forEach(user::remove);
            out.append('*').append(name).append('\n');
            for (String b : builtins) {
                out.append(':').append(b).append(" ACCEPT [0:0]\n");
            }
            for (String u : user.keySet()) {
                out.append(':').append(u).append(" - [0:0]\n");
            }
            for (String b : builtins) {
                chains.get(b).forEach(r -> out.append(r).append('\n'));
            }
            user.values().forEach(rules -> rules.forEach(r -> out.append(r).append('\n')));
            out.append("COMMIT\n");
        }

        private String namespace(int i) {
            String[] fixed = {"default", "kube-system", "monitoring", "ingress-nginx", "payments", "checkout", "search",
                "auth", "logging", "data"};
            int k = i % (fixed.length + 200);
            return k < fixed.length ? fixed[k] : String.format(Locale.ROOT, "team-%03d", k - fixed.length);
        }

        private int weightedEndpoints() {
            int roll = rnd.nextInt(100);
            for (int i = 0; i < WEIGHTS.length; i++) {
                roll -= WEIGHTS[i];
                if (roll < 0) {
                    return ENDPOINTS[i];
                }
            }
            return ENDPOINTS[ENDPOINTS.length - 1];
        }

        /** Service addresses come from 10.96.0.0/12 (fd00:10:96::/108), pods from 10.244.0.0/14 (fd00:10:244::/104). */
        private String address(boolean service, long offset) {
            if (!v6) {
                long base = service ? (10L << 24) | (96L << 16) : (10L << 24) | (244L << 16);
                long a = base + offset;
                return (a >>> 24 & 255) + "." + (a >>> 16 & 255) + "." + (a >>> 8 & 255) + "." + (a & 255);
            }
            int[] groups = {0xfd00, 0x10, service ? 0x96 : 0x244, 0, 0, 0, (int) (offset >>> 16 & 0xffff),
                (int) (offset & 0xffff)};
            return Cidr.ipv6(groups);
        }

        /** The kube-proxy chain name: prefix plus the first 16 base32 characters of sha256(key). */
        private String chainHash(String prefix, String key) {
            byte[] h = sha256.digest(key.getBytes(StandardCharsets.UTF_8));
            return prefix + base32(h, 16);
        }
    }

    /** The first {@code chars} characters of the RFC 4648 base32 encoding of {@code data}. */
    static String base32(byte[] data, int chars) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder sb = new StringBuilder(chars);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < data.length && sb.length() < chars; i++) {
            buffer = (buffer << 8) | (data[i] & 0xff);
            bits += 8;
            while (bits >= 5 && sb.length() < chars) {
                sb.append(alphabet.charAt((buffer >>> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0 && sb.length() < chars) {
            sb.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        }
        return sb.toString();
    }
}
