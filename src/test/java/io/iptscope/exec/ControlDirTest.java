package io.iptscope.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The socket directory: whoever can open a master socket runs commands as us on the remote host. */
class ControlDirTest {

    @TempDir
    Path runtime;

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void theRuntimeDirGetsAPrivateSubdirectory() throws IOException {
        Path dir = ControlDir.choose(Map.of("XDG_RUNTIME_DIR", runtime.toString()));
        assertEquals(runtime.resolve("iptscope"), dir);
        assertEquals("rwx------", mode(dir));
    }

    @Test
    void looseModesOfOurOwnDirectoryAreTightened() throws IOException {
        Path dir = Files.createDirectory(runtime.resolve("iptscope"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        ControlDir.choose(Map.of("XDG_RUNTIME_DIR", runtime.toString()));
        assertEquals("rwx------", mode(dir));
    }

    @Test
    void aSymlinkIsRefused() throws IOException {
        Path elsewhere = Files.createDirectory(runtime.resolve("elsewhere"));
        Files.createSymbolicLink(runtime.resolve("iptscope"), elsewhere);
        assertThrows(IOException.class, () -> ControlDir.choose(Map.of("XDG_RUNTIME_DIR", runtime.toString())));
    }

    @Test
    void withoutARuntimeDirAFreshPrivateTempDirIsUsed() throws IOException {
        Path dir = ControlDir.choose(Map.of());
        try {
            assertEquals("rwx------", mode(dir));
            assertEquals(Path.of(System.getProperty("java.io.tmpdir")), dir.getParent());
        } finally {
            Files.delete(dir);
        }
    }
}
