package io.iptscope.rules;

import io.iptscope.exec.Command;
import io.iptscope.exec.CommandResult;
import io.iptscope.exec.LocalRunner;
import io.iptscope.testing.TestNetns;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule forms of iptables' own extension tests ({@code extension-forms.t}), loaded into a scratch namespace
 * with a real restore binary and saved again, so each form can be compared with what iptables made of it.
 */
final class ExtensionForms {

    /** One OK line of an extension's {@code .t} file and where iptables-test.py would load it. */
    record Form(String file, Family family, String table, String chain, String rule, boolean legacyOnly) {

        String line() {
            return "-A " + chain + " " + rule;
        }
    }

    /** A form as one backend saved it; {@code saved} is null when the form could not be loaded here. */
    record Loaded(Form form, Rule original, Rule saved, String refusal) {
    }

    private static final Pattern FAILED_LINE = Pattern.compile("line (\\d+)(?: failed|:)|at line: (\\d+)");
    private static final LocalRunner RUNNER = new LocalRunner();

    private ExtensionForms() {
    }

    static List<Form> all() throws IOException {
        String text;
        try (InputStream in = ExtensionForms.class.getResourceAsStream("extension-forms.t")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Form> forms = new ArrayList<>();
        String file = "";
        String table = "filter";
        String chain = "INPUT";
        for (String line : text.split("\n")) {
            if (line.startsWith("## ")) {
                file = line.substring(3);
                table = "filter";
                chain = "INPUT";
            } else if (line.startsWith("#") || line.isBlank()) {
                continue;
            } else if (line.startsWith("*")) {
                table = line.substring(1);
            } else if (line.startsWith(":")) {
                chain = line.substring(1).split(",")[0];
            } else {
                String[] f = line.split(";", -1);
                boolean legacyOnly = f.length > 3 && f[3].equals("LEGACY");
                for (Family fam : families(file)) {
                    forms.add(new Form(file, fam, table, chain, f[0], legacyOnly));
                }
            }
        }
        return forms;
    }

    private static List<Family> families(String file) {
        if (file.startsWith("libipt_") || file.equals("iptables.t")) {
            return List.of(Family.IPV4);
        }
        if (file.startsWith("libip6t_") || file.equals("ip6tables.t")) {
            return List.of(Family.IPV6);
        }
        return List.of(Family.IPV4, Family.IPV6);
    }

    /**
     * Loads every form of {@code family} with one restore (retried without each line the binary refuses) and
     * pairs each loaded form with its saved rule: rules keep their order within a chain.
     */
    static List<Loaded> load(List<Form> forms, Family family, Backend backend) {
        String tool = family.toolPrefix() + backend.suffix();
        List<Form> todo = new ArrayList<>(forms.stream().filter(f -> f.family() == family)
                .filter(f -> backend == Backend.LEGACY || !f.legacyOnly()).toList());
        Map<Form, String> refused = new LinkedHashMap<>();
        try (TestNetns ns = TestNetns.create()) {
            while (true) {
                Input in = input(todo);
                CommandResult r = restore(ns, tool, in.text);
                if (r.ok()) {
                    break;
                }
                Matcher m = FAILED_LINE.matcher(r.stderrText());
                if (!m.find()) {
                    throw new AssertionError(tool + "-restore failed without naming a line: " + r.summary() + "\n"
                            + r.stderrText());
                }
                String lineNo = m.group(1) != null ? m.group(1) : m.group(2);
                List<Form> at = in.formsAt(Integer.parseInt(lineNo));
                if (at.isEmpty()) {
                    throw new AssertionError(tool + "-restore refused line " + lineNo + ": " + r.stderrText());
                }
                // The kernel refuses a legacy table as a whole at COMMIT: find the forms it refuses by halves.
                List<Form> bad = at.size() == 1 ? at : culprits(ns, tool, at);
                if (bad.isEmpty()) {
                    throw new AssertionError(tool + "-restore refused a table whose halves load: " + r.stderrText());
                }
                for (Form f : bad) {
                    refused.put(f, bad == at ? r.stderrText().strip() : "refused at COMMIT");
                }
                todo.removeAll(bad);
            }
            String saved = ns.exec(tool + "-save").stdoutText();
            Ruleset savedRs = SaveParser.parse(saved, tool + "-save").ruleset();
            Ruleset origRs = SaveParser.parse(input(todo).text, "forms").ruleset();
            List<Loaded> out = new ArrayList<>();
            Map<String, Integer> next = new LinkedHashMap<>();
            for (Form f : todo) {
                String key = f.table() + " " + f.chain();
                int k = next.merge(key, 1, Integer::sum) - 1;
                Rule orig = origRs.table(f.table()).orElseThrow().chain(f.chain()).orElseThrow().rules().get(k);
                List<Rule> got = savedRs.table(f.table()).flatMap(t -> t.chain(f.chain())).map(Chain::rules)
                        .orElse(List.of());
                if (k >= got.size()) {
                    throw new AssertionError(tool + "-save lost rules of " + key + ":\n" + saved);
                }
                out.add(new Loaded(f, orig, got.get(k), null));
            }
            refused.forEach((f, why) -> out.add(new Loaded(f, null, null, why)));
            return out;
        }
    }

    private static CommandResult restore(TestNetns ns, String tool, String text) {
        return RUNNER.run(Command.of("nsenter", "--net=" + ns.path(), "--", tool + "-restore", "-w", "30")
                .withStdin(text.getBytes(StandardCharsets.UTF_8)).withTimeout(Duration.ofSeconds(120)));
    }

    private static List<Form> culprits(TestNetns ns, String tool, List<Form> forms) {
        if (restore(ns, tool, input(forms).text).ok()) {
            return List.of();
        }
        if (forms.size() == 1) {
            return forms;
        }
        List<Form> out = new ArrayList<>(culprits(ns, tool, forms.subList(0, forms.size() / 2)));
        out.addAll(culprits(ns, tool, forms.subList(forms.size() / 2, forms.size())));
        return out;
    }

    /** Restore input for the forms, with the form on each line. */
    private record Input(String text, Map<Integer, List<Form>> byLine) {

        List<Form> formsAt(int line) {
            return byLine.getOrDefault(line, List.of());
        }
    }

    private static Input input(List<Form> forms) {
        Map<String, List<Form>> byTable = new LinkedHashMap<>();
        for (Form f : forms) {
            byTable.computeIfAbsent(f.table(), t -> new ArrayList<>()).add(f);
        }
        StringBuilder sb = new StringBuilder();
        Map<Integer, List<Form>> byLine = new LinkedHashMap<>();
        int line = 0;
        for (Map.Entry<String, List<Form>> e : byTable.entrySet()) {
            sb.append('*').append(e.getKey()).append('\n');
            line++;
            byLine.put(line, e.getValue());
            for (Form f : e.getValue()) {
                sb.append(f.line()).append('\n');
                line++;
                byLine.put(line, List.of(f));
            }
            sb.append("COMMIT\n");
            line++;
            // A table the kernel lacks fails at its COMMIT.
            byLine.put(line, e.getValue());
        }
        return new Input(sb.toString(), byLine);
    }
}
