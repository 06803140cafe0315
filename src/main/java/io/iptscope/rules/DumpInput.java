package io.iptscope.rules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a rules dump (a file, a pipe, standard input) into the text {@link SaveParser} takes, the one way every
 * caller reads one. Memory stays near twice the dump's size (its bytes, then its text, one byte per character
 * for ASCII), and what cannot be a dump is refused before it is read: a directory, a device ({@code /dev/zero}
 * was read for 5.5 GB before failing), or more than {@link #MAX_BYTES}.
 */
public final class DumpInput {

    /** About 7 million rules: far past any real node (500k kube-proxy rules save to about 70 MB). */
    public static final long MAX_BYTES = 1L << 30;

    private static final int CHUNK = 1 << 16;
    // st_mode file types (stat(2)); Java's BasicFileAttributes tells "other" but not which.
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFREG = 0100000;

    private DumpInput() {
    }

    /** A dump that cannot or must not be read; the message names the input and says why. */
    public static final class RefusedException extends IOException {
        private static final long serialVersionUID = 1L;

        RefusedException(String message) {
            super(message);
        }
    }

    /** The text of a file or named pipe (e.g. {@code <(iptables-save)}). */
    public static String read(Path file) throws IOException {
        return readBytes(file).text();
    }

    /**
     * The parse of a file or named pipe, as {@link SaveParser#parse} of {@link #read(Path)} gives it; an ASCII dump is
     * parsed from its bytes, without a third copy of it (its bytes, its text, and one byte per character again).
     */
    public static ParseResult parse(Path file) throws IOException {
        return readBytes(file).parse(file.toString());
    }

    /** The parse of a stream, as {@link SaveParser#parse} of {@link #read(InputStream, String)} gives it. */
    public static ParseResult parse(InputStream in, String name) throws IOException {
        return readBytes(in, name, 0).parse(name);
    }

    /** A dump's bytes as read, {@code bytes[0, length)}. */
    private record Bytes(byte[] bytes, int length) {
        String text() {
            return decode(bytes, length, SaveParser.ascii(bytes, 0, length));
        }

        ParseResult parse(String name) {
            boolean ascii = SaveParser.ascii(bytes, 0, length);
            return ascii ? SaveParser.parseAscii(bytes, length, name)
                    : SaveParser.parse(decode(bytes, length, false), name);
        }
    }

    private static Bytes readBytes(Path file) throws IOException {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(file, "unix:mode");
        } catch (NoSuchFileException e) {
            throw new RefusedException(file + ": no such file");
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            mode = Files.isRegularFile(file) ? S_IFREG : 0;
        }
        int type = mode & S_IFMT;
        if (Files.isDirectory(file)) {
            throw new RefusedException(file + ": is a directory, not a rules dump");
        }
        if (type != S_IFREG && type != S_IFIFO) {
            throw new RefusedException(file + ": not a regular file or pipe (a device or socket is never a rules dump)");
        }
        long size = type == S_IFREG ? Files.size(file) : 0;
        if (size > MAX_BYTES) {
            throw tooLarge(file.toString(), size);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return readBytes(in, file.toString(), (int) size);
        }
    }

    /**
     * The text of a stream, read until its end or until it passes {@link #MAX_BYTES}: UTF-8 where it is valid
     * UTF-8, otherwise ISO-8859-1, which keeps every byte (dumps may carry comments in any encoding).
     */
    public static String read(InputStream in, String name) throws IOException {
        return readBytes(in, name, 0).text();
    }

    /** {@code expectedSize} sizes the buffer once, so that a big file is not copied while it is read. */
    private static Bytes readBytes(InputStream in, String name, int expectedSize) throws IOException {
        byte[] buf = new byte[Math.max(CHUNK, expectedSize + 1)];
        int n = 0;
        while (true) {
            if (n == buf.length) {
                if (n > MAX_BYTES) {
                    throw tooLarge(name, n);
                }
                buf = Arrays.copyOf(buf, (int) Math.min((long) n * 2, MAX_BYTES + 1));
            }
            // At most CHUNK per call: a file's stream copies each read through a temporary direct buffer of the
            // read's size, which NIO then keeps per thread; one 75 MB read left 75 MB of native memory per worker.
            int r = in.read(buf, n, Math.min(CHUNK, buf.length - n));
            if (r < 0) {
                break;
            }
            n += r;
        }
        if (n > MAX_BYTES) {
            throw tooLarge(name, n);
        }
        return new Bytes(buf, n);
    }

    private static RefusedException tooLarge(String name, long size) {
        return new RefusedException(name + ": " + (size > MAX_BYTES ? "more than " : "") + size / (1 << 20)
                + " MiB; a rules dump larger than " + MAX_BYTES / (1 << 20) + " MiB is refused");
    }

    /** ASCII reads the same in both; as ISO-8859-1 it is a copy, as UTF-8 it would be scanned once more. */
    private static String decode(byte[] bytes, int n, boolean ascii) {
        boolean utf8 = !ascii && isUtf8(bytes, n);
        return new String(bytes, 0, n, utf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    /** Validates without decoding the whole input into a second, UTF-16 copy. */
    private static boolean isUtf8(byte[] bytes, int n) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, n);
        CharBuffer out = CharBuffer.allocate(CHUNK);
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isError()) {
                return false;
            }
            if (r.isUnderflow()) {
                break;
            }
            out.clear();
        }
        out.clear();
        return !decoder.flush(out).isError();
    }
}
