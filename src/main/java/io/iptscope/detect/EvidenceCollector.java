package io.iptscope.detect;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.iptscope.discover.BinaryInfo;
import io.iptscope.discover.BinaryInventory;
import io.iptscope.discover.Tool;
import io.iptscope.exec.CommandResult;
import io.iptscope.exec.CommandRunner;
import io.iptscope.exec.NetnsTarget;
import io.iptscope.iptables.Call;
import io.iptscope.iptables.Endpoint;
import io.iptscope.iptables.LegacyTables;
import io.iptscope.iptables.Quirks;
import io.iptscope.iptables.StreamedSave;
import io.iptscope.json.Json;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Chain;
import io.iptscope.rules.Family;
import io.iptscope.rules.ParseResult;
import io.iptscope.rules.Rule;
import io.iptscope.rules.RuleSpec;
import io.iptscope.rules.Ruleset;
import io.iptscope.rules.SaveHeader;
import io.iptscope.rules.SpecialLine;
import io.iptscope.rules.SpecialLines;
import io.iptscope.rules.Table;
import io.iptscope.rules.Target;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Reads what each backend holds in a netns, read-only: legacy only through {@code /proc} and a
 * plain {@code iptables-legacy-save} (never {@code -t}, {@code -L}, {@code -S}, {@code -C}: each of
 * those makes the kernel create the table it names), nft through {@code iptables-nft-save} and
 * {@code nft -j list}.
 */
public final class EvidenceCollector {

    private static final Set<String> IPTABLES_TABLE_NAMES = Set.of("filter", "nat", "mangle", "raw", "security");
    private static final Set<String> EBTABLES_TABLE_NAMES = Set.of("filter", "nat", "broute");

    private final Endpoint ep;
    private final BinaryInventory binaries;

    public EvidenceCollector(CommandRunner runner, NetnsTarget target, BinaryInventory binaries, Duration timeout) {
        this.ep = new Endpoint(runner, target, binaries, timeout);
        this.binaries = binaries;
    }

    public Evidence collect() {
        BinaryInfo nftTool = binaries.get(Tool.NFT);
        // The nft saves are usually the slowest reads and depend on nothing: they start first. Only a save older
        // than 1.8.6, which creates what it lists, waits for the table listing.
        Map<Family, BinaryInfo> nftEarly = new LinkedHashMap<>();
        for (Family f : Family.values()) {
            binaries.saveBinaryFor(Backend.NFT, f).filter(b -> !mayWrite(b)).ifPresent(b -> nftEarly.put(f, b));
        }
        // The early saves run as a request of their own, beside the small reads: the legacy saves need only the
        // names files, not the end of an nft save, so on a node with rules in both backends they overlap. Every
        // save is parsed and summarised while it runs (StreamedSave); an early one is finished on a side thread.
        List<StreamedSave<TableEvidence>> earlyStreams = new ArrayList<>();
        nftEarly.values().forEach(b -> earlyStreams.add(streamed(b, null)));
        List<Call> early = earlyStreams.stream().map(StreamedSave::call).toList();
        CompletableFuture<List<CommandResult>> earlyRead = early.isEmpty()
                ? CompletableFuture.completedFuture(List.of())
                : CompletableFuture.supplyAsync(() -> ep.runAll(early), Detector.BESIDE);
        Map<Family, CompletableFuture<BackendEvidence>> earlySaves = new LinkedHashMap<>();
        int e0 = 0;
        for (Map.Entry<Family, BinaryInfo> e : nftEarly.entrySet()) {
            int at = e0++;
            earlySaves.put(e.getKey(), earlyRead.thenApplyAsync(
                    saved -> fromSave(Backend.NFT, e.getKey(), e.getValue(), saved.get(at), earlyStreams.get(at), null,
                            null), Detector.BESIDE));
        }
        // The names files alone first: they are all a legacy save waits for, and they take a few milliseconds where
        // the nft chains listing of a big ruleset takes half a second.
        List<CommandResult> read = ep.runAll(List.of(ep.legacyNames(Family.IPV4), ep.legacyNames(Family.IPV6)));
        Map<Family, CommandResult> names = Map.of(Family.IPV4, read.get(0), Family.IPV6, read.get(1));
        Map<Family, BackendEvidence> legacySkipped = new LinkedHashMap<>();
        Map<Family, BinaryInfo> legacyToRun = new LinkedHashMap<>();
        for (Family f : Family.values()) {
            planLegacy(f, names.get(f), legacySkipped, legacyToRun);
        }
        List<StreamedSave<TableEvidence>> saves = new ArrayList<>();
        legacyToRun.forEach((f, b) -> saves.add(streamed(b, LegacyTables.of(f, names.get(f)))));
        List<Call> first = new ArrayList<>();
        saves.forEach(s -> first.add(s.call()));
        first.add(ep.procFile("/proc/sys/net/ipv6/conf/all/disable_ipv6"));
        if (nftTool.found()) {
            // Not "list tables": in nft 1.0.6 that fetches the whole ruleset (O(rules), 14-19 s at 100k
            // iptables-nft rules) while the chains listing takes 0.5 s and names every table with a chain.
            first.add(ep.nftList("chains"));
        }
        List<CommandResult> saved = new ArrayList<>(ep.runAll(first));
        int at = saves.size();
        CommandResult disabled = saved.get(at);
        Boolean ipv6Disabled = disabled.ok() ? "1".equals(disabled.stdoutText().strip()) : null;
        NftTablesEvidence nftTables = nftTool.found()
                ? nftTables(saved.get(at + 1))
                : new NftTablesEvidence(ReadStatus.MISSING_BINARY, "nft is not in the binary source", List.of());
        saved.subList(at, saved.size()).clear();

        Map<Family, BinaryInfo> nftToRun = new LinkedHashMap<>();
        Map<Family, BackendEvidence> nftSkipped = new LinkedHashMap<>();
        for (Family f : Family.values()) {
            if (!nftEarly.containsKey(f)) {
                planNft(f, nftTables, nftSkipped, nftToRun);
            }
        }
        // Only an nft save older than 1.8.6 is left, after the chains listing said which tables exist.
        List<StreamedSave<TableEvidence>> late = new ArrayList<>();
        nftToRun.values().forEach(b -> late.add(streamed(b, null)));
        if (!late.isEmpty()) {
            saves.addAll(late);
            saved.addAll(ep.runAll(late.stream().map(StreamedSave::call).toList()));
        }

        Map<Family, BackendEvidence> legacy = new LinkedHashMap<>(legacySkipped);
        Map<Family, BackendEvidence> nft = new LinkedHashMap<>(nftSkipped);
        int i = 0;
        for (Map.Entry<Family, BinaryInfo> e : legacyToRun.entrySet()) {
            List<String> kernel = tableNames(names.get(e.getKey()));
            legacy.put(e.getKey(), fromSave(Backend.LEGACY, e.getKey(), e.getValue(), saved.get(i), saves.get(i), kernel,
                    true));
            i++;
        }
        for (Map.Entry<Family, BinaryInfo> e : nftToRun.entrySet()) {
            nft.put(e.getKey(), fromSave(Backend.NFT, e.getKey(), e.getValue(), saved.get(i), saves.get(i), null, null));
            i++;
        }
        earlySaves.forEach((f, parsed) -> nft.put(f, Detector.join(parsed)));
        List<FamilyEvidence> families = new ArrayList<>();
        for (Family f : Family.values()) {
            families.add(new FamilyEvidence(f, legacy.get(f), nft.get(f)));
        }
        return new Evidence(families, nftTables, ipv6Disabled);
    }

    private void planLegacy(Family f, CommandResult names, Map<Family, BackendEvidence> done,
                            Map<Family, BinaryInfo> toRun) {
        String file = legacyNamesFile(f);
        if (!names.ok()) {
            ReadStatus status = failureStatus(names);
            // The names file's own "No such file", not nsenter's for a vanished netns or container.
            if (LegacyTables.of(f, names).status() == LegacyTables.Status.NO_FILE) {
                done.put(f, empty(Backend.LEGACY, f, file + " does not exist: the kernel has no legacy "
                        + f.toolPrefix() + " loaded in this netns", List.of(), false));
            } else {
                done.put(f, failed(Backend.LEGACY, f, status, null, "could not read " + file + ": "
                        + names.summary()));
            }
            return;
        }
        List<String> tables = tableNames(names);
        if (tables.isEmpty()) {
            done.put(f, empty(Backend.LEGACY, f, file + " is empty: no legacy table exists, "
                    + f.toolPrefix() + "-legacy-save not run", tables, true));
            return;
        }
        Optional<BinaryInfo> save = binaries.saveBinaryFor(Backend.LEGACY, f);
        if (save.isEmpty()) {
            done.put(f, new BackendEvidence(Backend.LEGACY, f, ReadStatus.MISSING_BINARY, null,
                    "legacy tables " + tables + " exist but " + f.toolPrefix()
                            + "-legacy-save is not in the binary source", tables, true, List.of(), List.of(),
                    false, 0, null));
            return;
        }
        toRun.put(f, save.get());
    }

    private void planNft(Family f, NftTablesEvidence nftTables, Map<Family, BackendEvidence> done,
                         Map<Family, BinaryInfo> toRun) {
        Optional<BinaryInfo> save = binaries.saveBinaryFor(Backend.NFT, f);
        if (save.isEmpty()) {
            done.put(f, failed(Backend.NFT, f, ReadStatus.MISSING_BINARY, null,
                    f.toolPrefix() + "-nft-save is not in the binary source"));
            return;
        }
        if (mayWrite(save.get()) && nftTables.status() == ReadStatus.OK) {
            String family = f == Family.IPV4 ? "ip" : "ip6";
            boolean any = nftTables.tables().stream().anyMatch(t -> t.family().equals(family));
            if (!any) {
                done.put(f, empty(Backend.NFT, f, "nft lists no " + family + " table; " + save.get().name() + " "
                        + save.get().version() + " not run because before " + Quirks.NFT_SAVE_PASSIVE_SINCE
                        + " it creates tables it lists",
                        null, null));
                return;
            }
        }
        toRun.put(f, save.get());
    }

    private boolean mayWrite(BinaryInfo save) {
        return ep.flags(save).saveMayCreate();
    }

    /** A save parsed and summarised table by table while it runs. */
    private StreamedSave<TableEvidence> streamed(BinaryInfo save, LegacyTables legacy) {
        return new StreamedSave<>(ep.save(save, false, legacy), save.name(), t -> summarise(t, Detector.BESIDE));
    }

    private BackendEvidence fromSave(Backend backend, Family f, BinaryInfo binary, CommandResult r,
                                     StreamedSave<TableEvidence> save,
                                     List<String> kernelTables, Boolean kernelFile) {
        List<Special> specials = new ArrayList<>();
        boolean legacyWarning = false;
        for (String line : r.stderrText().split("\n")) {
            Optional<SpecialLine.Kind> kind = SpecialLines.classify(line);
            if (kind.isPresent()) {
                specials.add(new Special(kindId(kind.get()), null, line.strip(), "stderr"));
                legacyWarning |= kind.get() == SpecialLine.Kind.LEGACY_TABLES_WARNING;
            }
        }
        if (!r.ok()) {
            return new BackendEvidence(backend, f, failureStatus(r), binary.path(), binary.name() + ": "
                    + r.summary(), kernelTables, kernelFile, List.of(), specials, legacyWarning, 0, null);
        }
        ParseResult parsed = save.parsed(r);
        Ruleset rules = parsed.ruleset();
        for (SpecialLine s : rules.specials()) {
            specials.add(new Special(kindId(s.kind()), s.table(), s.text(), "stdout"));
        }
        String detail = parsed.ok() ? null
                : "save output did not parse cleanly: " + parsed.errors().get(0).format();
        int dumpLines = save.newlines() + countNewlines(r.stderrText());
        String savedBy = rules.headers().isEmpty() ? null : describe(rules.headers().get(0));
        return new BackendEvidence(backend, f, ReadStatus.OK, binary.path(), detail, kernelTables, kernelFile,
                save.perTable(), specials, legacyWarning,
                dumpLines, savedBy);
    }

    /** The targets that make a rule of an owned user chain worth splitting: ACCEPT, and what ends the chain. */
    private static final char[][] ACCEPTING = {"ACCEPT".toCharArray()};
    private static final char[][] ENDING = {"ACCEPT".toCharArray(), "DROP".toCharArray(), "REJECT".toCharArray()};
    private static final char[] IPTABLES_HINT = Markers.KUBE_IPTABLES_HINT.toCharArray();
    private static final char[] KUBELET_CANARY = Markers.KUBE_KUBELET_CANARY.toCharArray();

    /** One table as evidence: chains, rules, markers and owners (see {@link Ownership#ruleOwner}). */
    public static TableEvidence summarise(Table table) {
        return TableSummary.of(table.chains()).evidence(table);
    }

    /**
     * {@link #summarise(Table)}, a big table in two halves at once, one of them {@code beside}. A save's last table
     * (nat, in an nft save of kube-proxy's rules) is summarised after the save's last byte, so its summary (0.1-0.2 s
     * at 100k rules) is part of the detection's time unless it is shared out.
     */
    static TableEvidence summarise(Table table, Executor beside) {
        List<Chain> chains = table.chains();
        if (chains.size() < SPLIT_CHAINS) {
            return summarise(table);
        }
        int half = chains.size() / 2;
        CompletableFuture<TableSummary> first = CompletableFuture.supplyAsync(
                () -> TableSummary.of(chains.subList(0, half)), beside);
        TableSummary second = TableSummary.of(chains.subList(half, chains.size()));
        try {
            return first.join().then(second).evidence(table);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Chains from which a table's summary is split in two: below, starting a thread costs more than it saves. */
    private static final int SPLIT_CHAINS = 2000;

    /**
     * The summary of some chains of a table, in order. A method per chain and per rule, not loops in one method
     * called once per table: the client compiler compiles a method after some hundred calls, while a loop in a method
     * called once ran interpreted through much of a 36k-chain nat table (on-stack replacement comes late).
     */
    private static final class TableSummary {
        final List<String> markers = new ArrayList<>();
        final List<TableEvidence.ChainSummary> builtins = new ArrayList<>();
        final List<TableEvidence.ChainFacts> facts = new ArrayList<>();
        final Map<String, int[]> owners = new LinkedHashMap<>();
        boolean mentionsHint;
        int userChains;
        /** The rule being added. */
        private final LineText line = new LineText();
        /** Of the chain being added. */
        private boolean accepts;
        private String endsWith;

        static TableSummary of(List<Chain> chains) {
            TableSummary summary = new TableSummary();
            for (Chain c : chains) {
                summary.chain(c);
            }
            return summary;
        }

        /** This summary followed by {@code next}'s, as if one had summarised the chains of both in turn. */
        TableSummary then(TableSummary next) {
            markers.addAll(next.markers);
            builtins.addAll(next.builtins);
            facts.addAll(next.facts);
            next.owners.forEach((o, n) -> {
                int[] sum = owners.computeIfAbsent(o, k -> new int[2]);
                sum[0] += n[0];
                sum[1] += n[1];
            });
            mentionsHint |= next.mentionsHint;
            userChains += next.userChains;
            return this;
        }

        TableEvidence evidence(Table table) {
            List<TableEvidence.OwnerCount> ownerCounts = new ArrayList<>();
            owners.forEach((o, n) -> ownerCounts.add(new TableEvidence.OwnerCount(o, n[0], n[1])));
            return new TableEvidence(table.name(), table.chains().size(), userChains, table.ruleCount(), markers,
                    mentionsHint, builtins, ownerCounts, facts);
        }

        void chain(Chain c) {
            if (Markers.ALL.contains(c.name())) {
                markers.add(c.name());
            }
            mentionsHint |= Markers.KUBELET_HINTS.contains(c.name());
            if (c.builtin()) {
                builtins.add(new TableEvidence.ChainSummary(c.name(), c.policy(), c.rules().size()));
            } else {
                userChains++;
            }
            String chainOwner = Markers.ownerOf(c.name()).orElse(null);
            if (chainOwner != null) {
                owners.computeIfAbsent(chainOwner, k -> new int[2])[0]++;
            }
            List<TableEvidence.RuleFacts> baseRules = c.builtin() ? new ArrayList<>() : List.of();
            accepts = false;
            endsWith = null;
            List<Rule> rules = c.rules();
            for (int i = 0; i < rules.size(); i++) {
                rule(c, chainOwner, rules.get(i), i == rules.size() - 1, baseRules);
            }
            facts.add(new TableEvidence.ChainFacts(c.name(), c.builtin(), c.policy(), rules.size(), chainOwner,
                    endsWith, accepts, baseRules));
        }

        private void rule(Chain c, String chainOwner, Rule rule, boolean last, List<TableEvidence.RuleFacts> base) {
            line.set(rule);
            // Splitting a rule is most of a summary's cost: a rule of an owned user chain is split only when its
            // text can name an ACCEPT target, or a DROP/REJECT that ends the chain.
            boolean needed = chainOwner == null || c.builtin() || line.mayName(last ? ENDING : ACCEPTING);
            RuleSpec spec = needed ? rule.spec() : null;
            String owner = chainOwner != null ? chainOwner : Ownership.ruleOwner(spec).orElse(null);
            if (owner != null) {
                owners.computeIfAbsent(owner, k -> new int[2])[1]++;
            }
            Target t = spec == null ? null : spec.target();
            accepts |= t != null && "ACCEPT".equals(t.name());
            if (c.builtin()) {
                base.add(new TableEvidence.RuleFacts(rule.raw(), t == null ? null : t.name(), owner));
            }
            if (!mentionsHint) {
                mentionsHint = line.contains(IPTABLES_HINT) || line.contains(KUBELET_CANARY);
            }
            if (last && spec != null) {
                endsWith = Ownership.catchAll(spec);
            }
        }
    }

    /**
     * Whether some argument of {@code raw} can be {@code word}: iptables-restore drops quotes and the backslash of
     * an escape from an argument, so {@code AC"CEPT"} is {@code ACCEPT}; the word is searched with those skipped.
     */
    static boolean mayName(String raw, String word) {
        LineText line = new LineText();
        line.set(raw);
        return line.mayName(new char[][] {word.toCharArray()});
    }

    /**
     * A rule's text copied into one reused array and searched there: a String per rule was 18 MB of the 90 MB a
     * 100k-rule detection allocates, and a char array is searched as fast in the client compiler's code.
     */
    private static final class LineText {
        private char[] chars = new char[256];
        private int length;

        void set(Rule rule) {
            fit(rule.length());
            rule.copyTo(chars);
        }

        void set(String text) {
            fit(text.length());
            text.getChars(0, length, chars, 0);
        }

        private void fit(int n) {
            length = n;
            if (n > chars.length) {
                chars = new char[Math.max(n, 2 * chars.length)];
            }
        }

        boolean contains(char[] word) {
            char first = word[0];
            int last = length - word.length;
            for (int i = 0; i <= last; i++) {
                if (chars[i] == first && matchesAt(i, word)) {
                    return true;
                }
            }
            return false;
        }

        private boolean matchesAt(int at, char[] word) {
            for (int k = 1; k < word.length; k++) {
                if (chars[at + k] != word[k]) {
                    return false;
                }
            }
            return true;
        }

        private int indexOf(char c, int from) {
            for (int i = from; i < length; i++) {
                if (chars[i] == c) {
                    return i;
                }
            }
            return -1;
        }

        /**
         * Whether some argument can be one of {@code words}; the quotes are looked at once for all. An array, as a
         * list's iterator is an allocation per rule in the client compiler's code.
         */
        boolean mayName(char[][] words) {
            for (char[] word : words) {
                if (contains(word)) {
                    return true;
                }
            }
            if (indexOf('\\', 0) < 0 && quotesStandAlone()) {
                return false;
            }
            for (char[] word : words) {
                if (spells(word)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether the line spells {@code word} with its quotes and backslashes skipped. */
        private boolean spells(char[] word) {
            int matched = 0;
            for (int i = 0; i < length; i++) {
                char ch = chars[i];
                if (ch == '"' || ch == '\\') {
                    continue;
                }
                matched = ch == word[matched] ? matched + 1 : ch == word[0] ? 1 : 0;
                if (matched == word.length) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Whether every quoted region of a line without backslashes is a whole argument (a blank or the line's edge
         * outside each quote), as in the comments of kube-proxy's rules: then every argument is a substring of the
         * line.
         */
        private boolean quotesStandAlone() {
            for (int open = indexOf('"', 0); open >= 0; open = indexOf('"', open + 1)) {
                int close = indexOf('"', open + 1);
                if (close < 0 || open > 0 && !isBlank(chars[open - 1])
                        || close + 1 < length && !isBlank(chars[close + 1])) {
                    return false;
                }
                open = close;
            }
            return true;
        }

        private static boolean isBlank(char c) {
            return c == ' ' || c == '\t';
        }
    }

    /** Tables and their base chains from one chains listing: each chain names its family and table. */
    private NftTablesEvidence nftTables(CommandResult chains) {
        if (!chains.ok()) {
            return new NftTablesEvidence(failureStatus(chains), "nft -j list chains: " + chains.summary(), List.of());
        }
        try {
            Map<String, List<NftTablesEvidence.NftBaseChain>> tables = chainsByTable(chains.stdout());
            List<NftTablesEvidence.NftTable> out = new ArrayList<>();
            tables.forEach((key, base) -> {
                int sp = key.indexOf(' ');
                String family = key.substring(0, sp);
                String name = key.substring(sp + 1);
                out.add(new NftTablesEvidence.NftTable(family, name, managedBy(family, name), base));
            });
            return new NftTablesEvidence(ReadStatus.OK, null, out);
        } catch (IOException e) {
            return new NftTablesEvidence(ReadStatus.FAILED, "nft printed JSON that does not parse: " + e.getMessage(),
                    List.of());
        }
    }

    /**
     * Each table's base chains, keyed {@code "family table"} in listing order (a table with no base chain too), read
     * as a stream: with 100k kube-proxy rules in iptables-nft the listing names 35k chains (3.5 MB), and a tree of
     * it was some 15 MB of nodes built while the saves still run. What is not a chain is skipped.
     */
    static Map<String, List<NftTablesEvidence.NftBaseChain>> chainsByTable(byte[] json) throws IOException {
        Map<String, List<NftTablesEvidence.NftBaseChain>> tables = new LinkedHashMap<>();
        LastTable last = new LastTable();
        try (JsonParser p = Json.MAPPER.getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return tables;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean listing = "nftables".equals(p.currentName());
                if (p.nextToken() != JsonToken.START_ARRAY || !listing) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken() != JsonToken.START_OBJECT) {
                        p.skipChildren();
                        continue;
                    }
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        boolean chain = "chain".equals(p.currentName());
                        if (p.nextToken() == JsonToken.START_OBJECT && chain) {
                            addChain(p, tables, last);
                        } else {
                            p.skipChildren();
                        }
                    }
                }
            }
        }
        return tables;
    }

    /** One {@code "chain"} object, the parser on its start: its table, and the chain if it is a base chain. */
    private static void addChain(JsonParser p, Map<String, List<NftTablesEvidence.NftBaseChain>> tables,
                                 LastTable last) throws IOException {
        String family = "";
        String table = "";
        String type = null;
        String hook = null;
        boolean hooked = false;
        int prio = 0;
        String policy = null;
        last.name.setLength(0);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                p.skipChildren();
                continue;
            }
            switch (field) {
                case "family" -> family = same(p, last.family) ? last.family : p.getValueAsString("");
                case "table" -> table = same(p, last.table) ? last.table : p.getValueAsString("");
                case "name" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        last.name.append(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                    } else {
                        last.name.append(p.getValueAsString(""));
                    }
                }
                case "type" -> type = p.getValueAsString();
                case "hook" -> {
                    hooked = true;
                    hook = p.getValueAsString("");
                }
                case "prio" -> prio = p.getValueAsInt();
                case "policy" -> policy = p.getValueAsString();
                default -> {
                }
            }
        }
        // The listing names each table's chains one after the other: most chains find the last table's key.
        String key = last.key != null && last.family.equals(family) && last.table.equals(table) ? last.key
                : family + " " + table;
        last.family = family;
        last.table = table;
        last.key = key;
        List<NftTablesEvidence.NftBaseChain> base = tables.computeIfAbsent(key, k -> new ArrayList<>());
        if (hooked) {
            base.add(new NftTablesEvidence.NftBaseChain(last.name.toString(), type, hook, prio, policy));
        }
    }

    /** Whether the parser's string value is {@code known}, compared without making a String of it. */
    private static boolean same(JsonParser p, String known) throws IOException {
        if (known == null || p.currentToken() != JsonToken.VALUE_STRING || p.getTextLength() != known.length()) {
            return false;
        }
        char[] text = p.getTextCharacters();
        int at = p.getTextOffset();
        for (int i = 0; i < known.length(); i++) {
            if (text[at + i] != known.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The table of the chain read last, and its key, and the chain's name as it is read: 35k chains of an iptables-nft
     * nat share their family and table strings, and only a base chain's name is kept.
     */
    private static final class LastTable {
        String family;
        String table;
        String key;
        final StringBuilder name = new StringBuilder();
    }

    /** The iptables-nft compatibility layer owns only the builtin table names of its families. */
    static String managedBy(String family, String name) {
        return switch (family) {
            case "ip", "ip6" -> IPTABLES_TABLE_NAMES.contains(name) ? "iptables-nft" : "native";
            case "bridge" -> EBTABLES_TABLE_NAMES.contains(name) ? "ebtables-nft" : "native";
            case "arp" -> "filter".equals(name) ? "arptables-nft" : "native";
            default -> "native";
        };
    }

    static ReadStatus failureStatus(CommandResult r) {
        if (r.timedOut()) {
            return ReadStatus.TIMEOUT;
        }
        String err = r.stderrText();
        if (err.contains("Address family not supported") || err.contains("Protocol not supported")) {
            return ReadStatus.UNSUPPORTED;
        }
        if (r.denied()) {
            return ReadStatus.DENIED;
        }
        if (r.notFound()) {
            return ReadStatus.MISSING_BINARY;
        }
        return ReadStatus.FAILED;
    }

    private static BackendEvidence empty(Backend backend, Family f, String detail, List<String> kernelTables,
                                         Boolean kernelFile) {
        return new BackendEvidence(backend, f, ReadStatus.OK, null, detail, kernelTables, kernelFile, List.of(),
                List.of(), false, 0, null);
    }

    private static BackendEvidence failed(Backend backend, Family f, ReadStatus status, String binary, String detail) {
        return new BackendEvidence(backend, f, status, binary, detail, null, null, List.of(), List.of(), false, 0,
                null);
    }

    private static List<String> tableNames(CommandResult r) {
        return r.stdoutText().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static String legacyNamesFile(Family f) {
        return Quirks.legacyNamesFile(f);
    }

    static String kindId(SpecialLine.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String describe(SaveHeader h) {
        return h.program() + " v" + h.version() + (h.nfTables() ? " (nf_tables)" : "");
    }

    private static int countNewlines(String s) {
        int n = 0;
        for (int i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) {
            n++;
        }
        return n;
    }
}
