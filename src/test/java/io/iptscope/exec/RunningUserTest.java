package io.iptscope.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunningUserTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void theRealIdNamesTheUserThisProcessRunsAs() {
        long uid = new UnixSystem().getUid();
        assertEquals(OptionalLong.of(uid), RunningUser.uid(new LocalRunner(), TIMEOUT));
        assertEquals(uid == 0, RunningUser.root(new LocalRunner(), TIMEOUT));
    }

    @Test
    void anIdThatPrintsNoUidOrFailsTellsNothing(@TempDir Path bin) throws IOException {
        for (String script : new String[] {"echo 0abc", "echo 99999999999", "echo", "echo 0; exit 1"}) {
            Path id = bin.resolve("id");
            Files.writeString(id, "#!/bin/sh\n" + script + "\n");
            Files.setPosixFilePermissions(id, PosixFilePermissions.fromString("rwxr-xr-x"));
            LocalRunner runner = new LocalRunner(bin.toString());
            assertTrue(RunningUser.uid(runner, TIMEOUT).isEmpty(), script);
            assertFalse(RunningUser.root(runner, TIMEOUT), script);
        }
    }

    @Test
    void aMissingIdTellsNothing(@TempDir Path empty) {
        assertTrue(RunningUser.uid(new LocalRunner(empty.toString()), TIMEOUT).isEmpty());
    }
}
