package io.iptscope.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.testing.Requirements;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves the diff's normalisation against the real binaries: every form of iptables' extension tests is loaded
 * with both backends and both families, saved, and the save must compare equal to the form it came from, while
 * rules the same backend saves differently must compare different. Forms this kernel cannot load are listed in
 * {@code target/extension-forms.txt}, not dropped silently.
 */
class ExtensionFormsTest {

    private static final Map<String, List<ExtensionForms.Loaded>> LOADED = new HashMap<>();

    @BeforeAll
    static void load() throws IOException {
        Requirements.requireNetnsTools();
        List<ExtensionForms.Form> forms = ExtensionForms.all();
        StringBuilder report = new StringBuilder();
        StringBuilder pairs = new StringBuilder();
        for (Backend b : Backend.values()) {
            for (Family f : Family.values()) {
                String tool = f.toolPrefix() + b.suffix();
                List<ExtensionForms.Loaded> loaded = ExtensionForms.load(forms, f, b);
                LOADED.put(tool, loaded);
                loaded.stream().filter(l -> l.saved() != null).forEach(l -> pairs.append(tool).append('\t')
                        .append(l.form().file()).append('\t').append(l.original().raw()).append('\t')
                        .append(l.saved().raw()).append('\n'));
                long ok = loaded.stream().filter(l -> l.saved() != null).count();
                report.append(tool).append(": ").append(ok).append(" forms loaded, ").append(loaded.size() - ok)
                        .append(" refused by this kernel/binary\n");
                loaded.stream().filter(l -> l.saved() == null).forEach(l -> report.append("  refused ")
                        .append(l.form().file()).append(": ").append(l.form().rule()).append('\n'));
            }
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/extension-forms.txt"), report, StandardCharsets.UTF_8);
        // Every pair, for reading what each backend made of each form.
        Files.writeString(Path.of("target/extension-forms-saved.tsv"), pairs, StandardCharsets.UTF_8);
    }

    @Test
    void everySavedFormComparesEqualToTheFormItCameFrom() {
        List<String> wrong = new ArrayList<>();
        LOADED.forEach((tool, loaded) -> {
            for (ExtensionForms.Loaded l : loaded) {
                if (l.saved() != null && !RuleNormalizer.key(l.original().spec()).equals(
                        RuleNormalizer.key(l.saved().spec()))) {
                    wrong.add(tool + " " + l.form().file() + ": " + l.original().body() + "  saved as  "
                            + l.saved().body());
                }
            }
        });
        assertEquals("", wrong.stream().sorted().collect(Collectors.joining("\n")));
    }

    /**
     * Forms some backend saves as the same text mean the same (iptables says so); forms that every backend saves
     * differently must get different keys.
     */
    @Test
    void rulesSavedDifferentlyCompareDifferent() {
        Map<ExtensionForms.Form, ExtensionForms.Form> same = new HashMap<>();
        LOADED.forEach((tool, loaded) -> {
            Map<String, ExtensionForms.Form> bySave = new HashMap<>();
            for (ExtensionForms.Loaded l : loaded) {
                if (l.saved() != null) {
                    ExtensionForms.Form first = bySave.putIfAbsent(l.form().table() + " " + l.saved().body(), l.form());
                    if (first != null) {
                        union(same, first, l.form());
                    }
                }
            }
        });
        List<String> wrong = new ArrayList<>();
        LOADED.forEach((tool, loaded) -> {
            Map<String, ExtensionForms.Loaded> byKey = new HashMap<>();
            for (ExtensionForms.Loaded l : loaded) {
                if (l.saved() == null) {
                    continue;
                }
                ExtensionForms.Loaded other = byKey.putIfAbsent(l.form().table() + " " + l.form().chain() + " "
                        + RuleNormalizer.key(l.saved().spec()), l);
                if (other != null && !find(same, other.form()).equals(find(same, l.form()))) {
                    wrong.add(tool + ": " + other.saved().body() + "  ==  " + l.saved().body());
                }
            }
        });
        assertEquals("", String.join("\n", wrong));
    }

    private static ExtensionForms.Form find(Map<ExtensionForms.Form, ExtensionForms.Form> parent,
                                            ExtensionForms.Form f) {
        ExtensionForms.Form p = parent.getOrDefault(f, f);
        return p.equals(f) ? f : find(parent, p);
    }

    private static void union(Map<ExtensionForms.Form, ExtensionForms.Form> parent, ExtensionForms.Form a,
                              ExtensionForms.Form b) {
        ExtensionForms.Form ra = find(parent, a);
        ExtensionForms.Form rb = find(parent, b);
        if (!ra.equals(rb)) {
            parent.put(ra, rb);
        }
    }

    @Test
    void diffOfTheFormsAndTheirSaveIsEmpty() {
        LOADED.forEach((tool, loaded) -> {
            StringBuilder orig = new StringBuilder();
            StringBuilder saved = new StringBuilder();
            Map<String, List<ExtensionForms.Loaded>> byTable = loaded.stream().filter(l -> l.saved() != null)
                    .collect(Collectors.groupingBy(l -> l.form().table()));
            byTable.forEach((table, ls) -> {
                orig.append('*').append(table).append('\n');
                saved.append('*').append(table).append('\n');
                for (ExtensionForms.Loaded l : ls) {
                    orig.append(l.original().raw()).append('\n');
                    saved.append(l.saved().raw()).append('\n');
                }
                orig.append("COMMIT\n");
                saved.append("COMMIT\n");
            });
            RulesetDiff d = RulesetDiffer.diff(SaveParser.parse(orig.toString(), "forms").ruleset(),
                    SaveParser.parse(saved.toString(), tool + "-save").ruleset(), "forms", tool, false);
            assertTrue(d.isEmpty(), () -> tool + "\n" + DiffFormatter.text(d, false));
        });
    }
}
