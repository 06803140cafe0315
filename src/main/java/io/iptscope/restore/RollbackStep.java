package io.iptscope.restore;

import java.util.List;

/** One command of a rollback, complete with the netns prefix and file arguments, runnable as is or from the script. */
public record RollbackStep(String description, List<String> argv) {

    public RollbackStep {
        argv = List.copyOf(argv);
    }
}
