package io.iptscope.ui.contexts;

import static io.iptscope.report.DetectionText.plural;

import io.iptscope.detect.ContextMatrix;
import io.iptscope.detect.Finding;
import io.iptscope.detect.Strategies;
import io.iptscope.detect.Strategy;
import io.iptscope.discover.BinarySource;
import io.iptscope.discover.ContainerDiscovery;
import io.iptscope.discover.ContainerEntry;
import io.iptscope.exec.NetnsTarget;
import io.iptscope.iptables.Endpoint;
import io.iptscope.rules.Family;
import io.iptscope.ui.common.Placeholder;
import io.iptscope.ui.task.TaskRunner;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The context matrix of the live target: the host's binaries and each container's, in the target netns
 * and in each container's netns, with what the chosen strategy picks and whether that is where the
 * rules are. Built in the background; containers come from /proc.
 */
public final class ContextsViewModel {

    private static final String NOT_BUILT = "No matrix yet: build it (Ctrl+M)";
    private static final String BUILDING = "Building the context matrix…";

    private final TaskRunner tasks;
    private final StringProperty strategy = new SimpleStringProperty(Strategies.RECOMMENDED.id());
    private final StringProperty extraSources = new SimpleStringProperty("");
    private final ObservableList<ContextRow> rows = FXCollections.observableArrayList();
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Build the matrix (Ctrl+M) to see what "
            + "each container's binaries would choose in each network namespace.");
    private final Placeholder rowsPlaceholder = new Placeholder(NOT_BUILT, BUILDING, "The matrix has no context");
    private final Placeholder findingsPlaceholder = new Placeholder(NOT_BUILT, BUILDING,
            "No findings: no context needs a warning");

    public ContextsViewModel(TaskRunner tasks) {
        this.tasks = tasks;
    }

    public StringProperty strategyProperty() {
        return strategy;
    }

    /** More rows, separated by spaces: an image's directories (colon-separated) or {@code container:PID}. */
    public StringProperty extraSourcesProperty() {
        return extraSources;
    }

    public ObservableList<ContextRow> rows() {
        return rows;
    }

    public ObservableList<Finding> findings() {
        return findings;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public Placeholder rowsPlaceholder() {
        return rowsPlaceholder;
    }

    public Placeholder findingsPlaceholder() {
        return findingsPlaceholder;
    }

    public void build(Optional<Endpoint> live, boolean containers) {
        List<BinarySource> more = new ArrayList<>();
        try {
            for (String spec : extraSources.get().trim().split("\\s+")) {
                if (!spec.isEmpty()) {
                    more.add(BinarySource.parse(spec));
                }
            }
        } catch (IllegalArgumentException e) {
            summary.set("Binary sources: " + e.getMessage());
            return;
        }
        if (live.isEmpty()) {
            summary.set("The context matrix needs a live target, not a saved report.");
            return;
        }
        Endpoint ep = live.get();
        Strategy s = Strategies.byId(strategy.get()).orElseThrow();
        summary.set("Building the context matrix with " + s.id() + "…");
        rowsPlaceholder.reading();
        findingsPlaceholder.reading();
        tasks.submit("Context matrix", p -> {
            List<BinarySource> sources = new ArrayList<>(List.of(new BinarySource.ProcessPath()));
            Set<NetnsTarget> targets = new LinkedHashSet<>(List.of(ep.netns()));
            if (containers) {
                for (ContainerEntry c : new ContainerDiscovery(ep.runner(), ep.timeout()).list()) {
                    sources.add(c.binarySource());
                    if (!c.hostNet()) {
                        targets.add(new NetnsTarget.OfPid(c.pid()));
                    }
                }
            }
            sources.addAll(more);
            p.update("reading " + sources.size() + " binary sources × " + targets.size() + " netns", -1);
            return ContextMatrix.build(ep.runner(), ep.timeout(), s, new BinarySource.ProcessPath(), sources,
                    List.copyOf(targets));
        }, this::show, f -> {
            String why = "The context matrix could not be built: " + f.getMessage();
            summary.set(why);
            rowsPlaceholder.failed(why);
            findingsPlaceholder.failed(why);
        });
    }

    /**
     * One line per binary source for the same finding: the matrix reports each netns and family of a
     * source apart, which repeats one ERROR many times; identical findings are shown once.
     */
    static List<Finding> collapse(List<Finding> all) {
        Map<String, List<Finding>> groups = new LinkedHashMap<>();
        for (Finding f : all) {
            groups.computeIfAbsent(f.id() + "|" + f.severity() + "|" + f.impact() + "|" + f.action() + "|"
                    + source(f), k -> new ArrayList<>()).add(f);
        }
        List<Finding> out = new ArrayList<>();
        for (List<Finding> g : groups.values()) {
            List<String> messages = g.stream().map(Finding::message).distinct().toList();
            Finding first = g.get(0);
            if (messages.size() == 1) {
                out.add(first);
                continue;
            }
            String prefix = source(first).isEmpty() ? "" : "binaries from " + source(first) + " ";
            String rest = messages.stream().skip(1).map(msg -> msg.startsWith(prefix) ? msg.substring(prefix.length())
                    : msg).collect(java.util.stream.Collectors.joining("; "));
            boolean sameFamily = g.stream().map(Finding::family).distinct().count() == 1;
            out.add(new Finding(first.id(), first.severity(), sameFamily ? first.family() : null, messages.size()
                    + "×: " + messages.get(0) + "; also " + rest, first.impact(), first.action()));
        }
        return out;
    }

    /** The binary source a context finding is about ("binaries from SOURCE in ..."), else "". */
    private static String source(Finding f) {
        String m = f.message();
        if (m == null || !m.startsWith("binaries from ")) {
            return "";
        }
        int in = m.indexOf(" in ", "binaries from ".length());
        return in < 0 ? "" : m.substring("binaries from ".length(), in);
    }

    private void show(ContextMatrix m) {
        List<ContextRow> out = new ArrayList<>();
        for (String col : m.columns()) {
            for (String row : m.rows()) {
                out.add(new ContextRow(row, col, m.cell(row, col, Family.IPV4).orElseThrow(),
                        m.cell(row, col, Family.IPV6).orElseThrow()));
            }
        }
        rows.setAll(out);
        findings.setAll(collapse(m.findings()));
        rowsPlaceholder.empty();
        findingsPlaceholder.empty();
        long bad = out.stream().filter(r -> !r.agrees()).count();
        summary.set(plural(m.rows().size(), "binary source") + " × " + plural(m.columns().size(), "network namespace")
                + " with " + m.strategy() + ": " + (bad == 0 ? "every context writes where the rules are"
                : plural(bad, "context") + " would write into the backend that does not hold the rules (marked ≠)"));
    }
}
