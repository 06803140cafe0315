package io.iptscope.detect;

import com.fasterxml.jackson.annotation.JsonValue;
import io.iptscope.exec.Command;
import io.iptscope.exec.CommandResult;
import io.iptscope.exec.CommandRunner;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the kernel can run and what the netns uses, per family and backend. "Unavailable" (legacy compiled out, as
 * Linux 6.17+ allows with {@code CONFIG_NETFILTER_XTABLES_LEGACY}, or nf_tables missing) never looks like "absent"
 * (nothing created), "empty" (tables created without rules: probe debris) or "in use".
 *
 * @param sources what the kernel side was read from, e.g. {@code /proc/config.gz}
 */
public record KernelCapabilities(String release, List<Capability> capabilities, List<String> sources) {

    public KernelCapabilities {
        capabilities = List.copyOf(capabilities);
        sources = List.copyOf(sources);
    }

    public enum State {
        UNAVAILABLE("unavailable"),
        ABSENT("absent"),
        EMPTY("empty"),
        IN_USE("in-use"),
        UNKNOWN("unknown");

        private final String id;

        State(String id) {
            this.id = id;
        }

        @JsonValue
        public String id() {
            return id;
        }
    }

    /** @param why the evidence for the state, in plain words */
    public record Capability(Family family, Backend backend, State state, String why) {
    }

    public Optional<Capability> of(Family f, Backend b) {
        return capabilities.stream().filter(c -> c.family() == f && c.backend() == b).findFirst();
    }

    /** What the kernel supports, from its config and module lists. */
    record Kernel(Map<String, String> config, String configSource, List<String> builtin, List<String> loaded,
                  List<String> moduleFiles, List<String> sources) {

        Kernel(Map<String, String> config, String configSource, List<String> builtin, List<String> loaded,
               List<String> moduleFiles) {
            this(config, configSource, builtin, loaded, moduleFiles, configSource == null ? List.of()
                    : List.of(configSource));
        }

        /** y, m, n (explicitly not set), or null when the config does not mention the symbol or was not read. */
        String symbol(String name) {
            return config.get(name);
        }

        Optional<Boolean> supports(String module, String... symbols) {
            if (loaded.contains(module) || builtin.contains(module)) {
                return Optional.of(true);
            }
            for (String s : symbols) {
                String v = symbol(s);
                if ("n".equals(v)) {
                    return Optional.of(false);
                }
            }
            for (String s : symbols) {
                String v = symbol(s);
                if ("y".equals(v)) {
                    return Optional.of(true);
                }
                if ("m".equals(v)) {
                    return Optional.of(moduleFiles.isEmpty() || moduleFiles.contains(module));
                }
            }
            return moduleFiles.contains(module) ? Optional.of(true) : Optional.empty();
        }
    }

    /**
     * What the kernel supports; depends on no evidence, so a detection reads it alongside the rules.
     *
     * @param release the running kernel's ({@code uname -r}, read with the detection's first batch), or null
     */
    static Kernel readKernel(CommandRunner runner, Duration timeout, String release) {
        List<Command> reads = new ArrayList<>(List.of(
                Command.of("zcat", "/proc/config.gz").withTimeout(timeout),
                Command.of("cat", "/boot/config-" + release).withTimeout(timeout),
                Command.of("cat", "/lib/modules/" + release + "/modules.builtin").withTimeout(timeout),
                Command.of("cat", "/proc/modules").withTimeout(timeout),
                Command.of("find", "/lib/modules/" + release, "-name", "*_tables.ko*", "-printf", "%f\\n")
                        .withTimeout(timeout)));
        List<CommandResult> r = runner.runAll(reads);
        List<String> sources = new ArrayList<>();
        String configText = null;
        if (r.get(0).ok()) {
            configText = r.get(0).stdoutText();
            sources.add("/proc/config.gz");
        } else if (release != null && r.get(1).ok()) {
            configText = r.get(1).stdoutText();
            sources.add("/boot/config-" + release);
        }
        List<String> builtin = r.get(2).ok() ? moduleNames(r.get(2).stdoutText()) : List.of();
        if (r.get(2).ok()) {
            sources.add("modules.builtin");
        }
        List<String> loaded = r.get(3).ok() ? r.get(3).stdoutText().lines().map(l -> l.split(" ")[0]).toList() : List.of();
        if (r.get(3).ok()) {
            sources.add("/proc/modules");
        }
        List<String> files = r.get(4).ok() ? moduleNames(r.get(4).stdoutText()) : List.of();
        return new Kernel(configText == null ? Map.of() : parseConfig(configText), sources.isEmpty() ? null
                : sources.get(0), builtin, loaded, files, sources);
    }

    static KernelCapabilities from(String release, Kernel k, Evidence ev) {
        return from(release, k, ev, k.sources());
    }

    static Map<String, String> parseConfig(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("CONFIG_")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    out.put(line.substring(0, eq), line.substring(eq + 1).strip());
                }
            } else if (line.startsWith("# CONFIG_") && line.endsWith(" is not set")) {
                out.put(line.substring(2, line.length() - " is not set".length()), "n");
            }
        }
        return out;
    }

    private static List<String> moduleNames(String text) {
        return text.lines().map(l -> l.substring(l.lastIndexOf('/') + 1)).map(l -> l.replaceAll("\\.ko.*$", ""))
                .filter(l -> !l.isBlank()).toList();
    }

    static KernelCapabilities from(String release, Kernel k, Evidence ev, List<String> sources) {
        List<Capability> out = new ArrayList<>();
        for (Family f : Family.values()) {
            boolean v4 = f == Family.IPV4;
            Optional<Boolean> legacy = k.supports(v4 ? "ip_tables" : "ip6_tables", "CONFIG_NETFILTER_XTABLES_LEGACY",
                    v4 ? "CONFIG_IP_NF_IPTABLES_LEGACY" : "CONFIG_IP6_NF_IPTABLES_LEGACY",
                    v4 ? "CONFIG_IP_NF_IPTABLES" : "CONFIG_IP6_NF_IPTABLES");
            out.add(legacy(f, legacy, ev.of(Backend.LEGACY, f)));
            Optional<Boolean> nft = k.supports("nf_tables", "CONFIG_NF_TABLES",
                    v4 ? "CONFIG_NF_TABLES_IPV4" : "CONFIG_NF_TABLES_IPV6");
            out.add(nft(f, nft, ev));
        }
        return new KernelCapabilities(release, out, sources);
    }

    private static Capability legacy(Family f, Optional<Boolean> kernel, BackendEvidence e) {
        if (Boolean.TRUE.equals(e.kernelTablesFile())) {
            kernel = Optional.of(true);
        }
        if (kernel.isPresent() && !kernel.get()) {
            return new Capability(f, Backend.LEGACY, State.UNAVAILABLE, "the kernel has no legacy " + f.toolPrefix()
                    + " (compiled out or no module): " + f.toolPrefix() + "-legacy fails with 'Table does not exist'");
        }
        if (e.readable() && e.hasRules()) {
            return new Capability(f, Backend.LEGACY, State.IN_USE, Verdicts.rules(e.ruleCount()));
        }
        if (e.kernelTables() != null && !e.kernelTables().isEmpty()) {
            return new Capability(f, Backend.LEGACY, State.EMPTY, "tables " + e.kernelTables()
                    + " exist without rules (made by a probe or a read such as -L)");
        }
        if (kernel.isEmpty() && e.kernelTablesFile() == null) {
            return new Capability(f, Backend.LEGACY, State.UNKNOWN, "neither the kernel config nor the module lists "
                    + "could be read");
        }
        return new Capability(f, Backend.LEGACY, State.ABSENT, "available, nothing created");
    }

    private static Capability nft(Family f, Optional<Boolean> kernel, Evidence ev) {
        NftTablesEvidence nft = ev.nftTables();
        if (nft.status() != ReadStatus.OK && nft.detail() != null
                && (nft.detail().contains("Could not fetch rule set generation id")
                || nft.detail().contains("Protocol not supported"))) {
            kernel = Optional.of(false);
        } else if (nft.status() == ReadStatus.OK) {
            kernel = Optional.of(true);
        }
        if (kernel.isPresent() && !kernel.get()) {
            return new Capability(f, Backend.NFT, State.UNAVAILABLE, "the kernel has no nf_tables"
                    + (nft.detail() == null ? "" : ": " + nft.detail()));
        }
        String family = f == Family.IPV4 ? "ip" : "ip6";
        List<NftTablesEvidence.NftTable> tables = nft.tables().stream()
                .filter(t -> t.family().equals(family) || t.family().equals("inet")).toList();
        BackendEvidence e = ev.of(Backend.NFT, f);
        boolean nativeRules = tables.stream().filter(NftTablesEvidence.NftTable::isNative)
                .anyMatch(t -> !t.baseChains().isEmpty());
        if (e.readable() && e.hasRules() || nativeRules) {
            return new Capability(f, Backend.NFT, State.IN_USE, (e.readable() ? Verdicts.rules(e.ruleCount())
                    + " in iptables-nft's tables" : "iptables-nft unread") + "; native tables: " + tables.stream()
                    .filter(NftTablesEvidence.NftTable::isNative).map(NftTablesEvidence.NftTable::qualifiedName).toList());
        }
        if (!tables.isEmpty()) {
            return new Capability(f, Backend.NFT, State.EMPTY, "tables " + tables.stream()
                    .map(NftTablesEvidence.NftTable::qualifiedName).toList() + " exist without rules");
        }
        if (kernel.isEmpty()) {
            return new Capability(f, Backend.NFT, State.UNKNOWN, "nft could not list the ruleset: " + nft.detail());
        }
        return new Capability(f, Backend.NFT, State.ABSENT, "available, nothing created");
    }
}
