package io.iptscope.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Every command run during a session, in order; the report and the GUI's log dock show it. */
public final class CommandLog {

    private final List<CommandRecord> records = new ArrayList<>();
    private final List<Consumer<CommandRecord>> listeners = new CopyOnWriteArrayList<>();

    public void add(CommandRecord record) {
        synchronized (records) {
            records.add(record);
        }
        listeners.forEach(l -> l.accept(record));
    }

    public List<CommandRecord> snapshot() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    /** Called on the thread that ran the command, after it ended. */
    public void addListener(Consumer<CommandRecord> listener) {
        listeners.add(listener);
    }
}
