package io.iptscope.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pool over real local shells (the remote ones differ only in the ssh in front). */
class ShellPoolTest {

    private final List<RemoteShell> started = new CopyOnWriteArrayList<>();
    private final ShellPool pool = new ShellPool(() -> {
        RemoteShell s = RemoteShell.start(List.of("sh", "-c", RemoteShell.BOOTSTRAP), new LocalRunner().path(),
                "local", Duration.ofSeconds(10));
        started.add(s);
        return s;
    }, "local", 2, 3);

    @AfterEach
    void close() {
        pool.close();
        started.forEach(RemoteShell::close);
    }

    private static String echo(RemoteShell shell, String word) throws IOException {
        return shell.run(new RemoteBatch(List.of(Command.of("echo", word)))).get(0).stdoutText();
    }

    @Test
    void prestartedShellsServeRequestsAndComeBack() throws IOException {
        pool.prestart();
        RemoteShell a = pool.acquire();
        RemoteShell b = pool.acquire();
        assertEquals(2, started.size(), "both were started ahead");
        assertNotSame(a, b);
        assertEquals("a\n", echo(a, "a"));
        pool.release(a);
        assertSame(a, pool.acquire(), "a released shell is used again");
        pool.release(b);
    }

    @Test
    void aShellThatDiedWhileIdleIsReplaced() throws IOException {
        pool.prestart();
        RemoteShell first = pool.acquire();
        pool.release(first);
        first.close();
        RemoteShell next = pool.acquire();
        assertNotSame(first, next);
        assertTrue(next.alive());
        assertEquals("again\n", echo(next, "again"));
    }

    @Test
    void moreIdleShellsThanKeptAreClosed() throws IOException {
        List<RemoteShell> four = List.of(pool.acquire(), pool.acquire(), pool.acquire(), pool.acquire());
        four.forEach(pool::release);
        assertFalse(four.get(3).alive(), "the fourth idle shell is closed");
        assertTrue(four.subList(0, 3).stream().allMatch(RemoteShell::alive));
    }
}
