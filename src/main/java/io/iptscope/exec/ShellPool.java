package io.iptscope.exec;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The {@link RemoteShell}s of one host: a few are started with the connection, one is handed to each
 * request (overlapping phases get their own), and handed back afterwards. A shell found dead is
 * replaced, and its end logged with how it ended.
 */
final class ShellPool implements AutoCloseable {

    /** Starts a shell and waits until it is ready. */
    interface Starter {
        RemoteShell start() throws IOException;
    }

    private static final System.Logger LOG = System.getLogger(ShellPool.class.getName());
    private static final ExecutorService STARTS = Executors.newCachedThreadPool(
            LocalRunner.daemonThreads("iptscope-shell-start"));

    private final Starter starter;
    private final String host;
    private final int started;
    private final int kept;
    private final Deque<CompletableFuture<RemoteShell>> idle = new ArrayDeque<>();

    /**
     * {@code started}: how many shells {@link #prestart()} keeps ready; {@code kept}: how many idle shells
     * stay open for the next requests (a shell started for overlapping requests is paid for once).
     */
    ShellPool(Starter starter, String host, int started, int kept) {
        this.starter = starter;
        this.host = host;
        this.started = started;
        this.kept = kept;
    }

    /** Starts shells in the background until {@code started} are idle or starting. */
    synchronized void prestart() {
        while (idle.size() < started) {
            idle.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return starter.start();
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            }, STARTS));
        }
    }

    /** An idle shell, one still starting, or a new one; never a dead one. */
    RemoteShell acquire() throws IOException {
        while (true) {
            CompletableFuture<RemoteShell> next;
            synchronized (this) {
                next = idle.poll();
            }
            if (next == null) {
                return starter.start();
            }
            try {
                RemoteShell shell = next.join();
                if (shell.alive()) {
                    return shell;
                }
                LOG.log(System.Logger.Level.WARNING, "the remote shell on {0} ended while idle ({1}); starting a new one",
                        host, shell.diagnosis());
                shell.close();
            } catch (CompletionException e) {
                LOG.log(System.Logger.Level.WARNING, "a remote shell on " + host + " did not start; trying again",
                        e.getCause());
            }
        }
    }

    /** Takes a shell back after a request it answered; beyond {@code kept} idle ones it is closed. */
    void release(RemoteShell shell) {
        synchronized (this) {
            if (shell.alive() && idle.size() < kept) {
                idle.add(CompletableFuture.completedFuture(shell));
                return;
            }
        }
        shell.close();
    }

    /** Closes every idle shell and those still starting once they are up. */
    @Override
    public void close() {
        Deque<CompletableFuture<RemoteShell>> all;
        synchronized (this) {
            all = new ArrayDeque<>(idle);
            idle.clear();
        }
        for (CompletableFuture<RemoteShell> f : all) {
            f.whenComplete((shell, failed) -> {
                if (shell != null) {
                    shell.close();
                } else {
                    LOG.log(System.Logger.Level.DEBUG, "a remote shell on " + host + " did not start before the close",
                            failed);
                }
            });
        }
    }
}
