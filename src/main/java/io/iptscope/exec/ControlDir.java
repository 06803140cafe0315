package io.iptscope.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * The private directory that holds the ssh master sockets: whoever can open a socket there runs
 * commands on the remote host as us, so it is 0700 and ours. {@code $XDG_RUNTIME_DIR/iptscope}
 * when the session has one, else a fresh temporary directory.
 */
public final class ControlDir {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private ControlDir() {
    }

    /** The directory for this process, created on first use. */
    public static Path forSession() {
        return Holder.DIR;
    }

    static Path choose(Map<String, String> env) throws IOException {
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isEmpty() && Files.isDirectory(Path.of(runtime))) {
            Path dir = Path.of(runtime, "iptscope");
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
            return checkPrivate(dir);
        }
        Path tmp = Files.createTempDirectory("iptscope-ssh-", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        // Ours alone: at exit it goes, with the socket a killed master may have left behind.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> removeQuietly(tmp)));
        return checkPrivate(tmp);
    }

    /** Refuses a symlink or a directory someone else owns; tightens loose permissions of our own. */
    static Path checkPrivate(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(dir + " is not a directory (a symlink?); refusing it for ssh control sockets");
        }
        String me = System.getProperty("user.name");
        String owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName();
        if (!owner.equals(me)) {
            throw new IOException(dir + " belongs to " + owner + ", not " + me + "; refusing it for ssh control sockets");
        }
        if (!Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
        }
        return dir;
    }

    private static void removeQuietly(Path dir) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // A leftover private temp directory is harmless.
        }
    }

    private static final class Holder {
        private static final Path DIR = create();

        private static Path create() {
            try {
                return choose(System.getenv());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a private directory for ssh control sockets", e);
            }
        }
    }
}
