package io.iptscope.ui.log;

import io.iptscope.exec.CommandLog;
import io.iptscope.exec.CommandRecord;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Every command the session ran, as it ends; copyable as text. */
public final class CommandLogViewModel {

    private final ObservableList<CommandRecord> records = FXCollections.observableArrayList();

    /** @param ui where the list changes (commands end on worker threads) */
    public CommandLogViewModel(CommandLog log, Executor ui) {
        records.setAll(log.snapshot());
        log.addListener(r -> ui.execute(() -> records.add(r)));
    }

    public ObservableList<CommandRecord> records() {
        return records;
    }

    /** One line per command: outcome, duration, the argv as run (elevation included, never a password). */
    public static String asText(List<CommandRecord> selected) {
        return selected.stream()
                .map(r -> String.format("%-12s %6d ms  %s", r.outcome(), r.durationMillis(), r.commandLine()))
                .collect(Collectors.joining("\n", "", selected.isEmpty() ? "" : "\n"));
    }
}
