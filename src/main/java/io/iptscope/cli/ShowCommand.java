package io.iptscope.cli;

import io.iptscope.rules.Chain;
import io.iptscope.rules.ParseError;
import io.iptscope.rules.ParseResult;
import io.iptscope.rules.Rule;
import io.iptscope.rules.RuleFilter;
import io.iptscope.rules.RuleIndex;
import io.iptscope.rules.Table;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code iptscope show FILE [--filter F]}: prints tables, chains and the rules that match. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Print the tables, chains and rules of a dump, optionally only the rules matching a filter.",
            "The output is restore format: *table, :chain lines of the chains with matching rules, the rules, COMMIT."},
        footerHeading = "%nFilter language:%n",
        footer = {"  free text, chain:GLOB table:NAME target:GLOB src:CIDR dst:CIDR proto:P iface:GLOB",
            "  comment:TEXT module:NAME hits>N hits=0; ! negates, 'or' between terms, parentheses group.",
            "  Example: --filter 'chain:KUBE-SVC-* !target:KUBE-MARK-MASQ (proto:udp or comment:dns)'"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed (parse errors, if any, go to standard error)", "2:usage error, bad filter or unreadable file"})
public final class ShowCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The dump to show; - reads standard input.")
    private String file;

    @Option(names = {"-f", "--filter"}, paramLabel = "FILTER", description = "Only rules matching this filter.")
    private String filter;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        PrintWriter out = cl.getOut();
        PrintWriter err = cl.getErr();
        RuleFilter compiled = null;
        if (filter != null) {
            RuleFilter.Compiled c = RuleFilter.compile(filter);
            if (c instanceof RuleFilter.Compiled.Error e) {
                err.println("iptscope: bad filter:");
                err.println(e.pointAt(filter));
                return CommandLine.ExitCode.USAGE;
            }
            compiled = ((RuleFilter.Compiled.Ok) c).filter();
        }
        ParseResult r = RulesInput.parse(file, System.in, err);
        if (r == null) {
            return CommandLine.ExitCode.USAGE;
        }
        for (ParseError e : r.errors()) {
            err.println(e.format());
        }
        RuleIndex index = RuleIndex.of(r.ruleset());
        BitSet hits;
        if (compiled == null) {
            hits = new BitSet(index.size());
            hits.set(0, index.size());
        } else {
            hits = compiled.matches(index);
        }
        print(index, hits, out, compiled == null);
        out.flush();
        if (compiled != null) {
            err.println(hits.cardinality() + " of " + index.size() + " rules match");
        }
        return 0;
    }

    /** Tables in file order; per table the chains with matching rules (all chains when nothing is filtered). */
    private static void print(RuleIndex index, BitSet hits, PrintWriter out, boolean everything) {
        Map<String, Map<String, List<Rule>>> byTable = new LinkedHashMap<>();
        for (int i = hits.nextSetBit(0); i >= 0; i = hits.nextSetBit(i + 1)) {
            byTable.computeIfAbsent(index.table(i), k -> new LinkedHashMap<>())
                    .computeIfAbsent(index.chain(i), k -> new ArrayList<>()).add(index.rule(i));
        }
        for (Table t : index.ruleset().tables()) {
            Map<String, List<Rule>> chains = byTable.getOrDefault(t.name(), Map.of());
            if (chains.isEmpty() && !everything) {
                continue;
            }
            out.println("*" + t.name());
            for (Chain c : t.chains()) {
                if (everything || chains.containsKey(c.name())) {
                    out.println(":" + c.name() + " " + c.policy() + " "
                            + (c.counters() == null ? "[0:0]" : c.counters().format()));
                }
            }
            for (Chain c : t.chains()) {
                for (Rule rule : chains.getOrDefault(c.name(), List.of())) {
                    out.println(rule.raw());
                }
            }
            out.println("COMMIT");
        }
    }
}
