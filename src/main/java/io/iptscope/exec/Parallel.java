package io.iptscope.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Runs independent commands a few at a time and keeps their order: the runAll of every runner. */
final class Parallel {

    /** As many as two cores keep busy while the commands mostly wait on the kernel or the network. */
    static final int COMMANDS_AT_ONCE = 4;

    private Parallel() {
    }

    static List<CommandResult> runAll(List<Command> commands, String threadName, Function<Command, CommandResult> run) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(COMMANDS_AT_ONCE, commands.size()),
                LocalRunner.daemonThreads(threadName));
        try {
            List<Future<CommandResult>> futures = new ArrayList<>();
            for (Command c : commands) {
                futures.add(pool.submit(() -> run.apply(c)));
            }
            List<CommandResult> results = new ArrayList<>();
            for (Future<CommandResult> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running commands", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
