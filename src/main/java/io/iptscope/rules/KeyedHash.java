package io.iptscope.rules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * SipHash-1-3 of UTF-16 text with a key drawn once per process. Tables keyed by names from a dump use it instead
 * of {@link String#hashCode()}, whose collisions anyone can write down ("Aa" and "BB", and every concatenation
 * of them): 16,384 such chain names in a 1.3 MB dump made parsing quadratic.
 */
final class KeyedHash {

    private static final long K0;
    private static final long K1;

    static {
        ByteBuffer key = ByteBuffer.wrap(key());
        K0 = key.getLong();
        K1 = key.getLong();
    }

    /**
     * From the kernel's random source: the JCA's SecureRandom would load some fifty provider classes into every
     * command-line run for these 16 bytes; it stays the fallback where /dev/urandom cannot be read.
     */
    private static byte[] key() {
        try (InputStream in = Files.newInputStream(Path.of("/dev/urandom"))) {
            byte[] key = in.readNBytes(16);
            if (key.length == 16) {
                return key;
            }
        } catch (IOException e) {
            System.getLogger(KeyedHash.class.getName()).log(System.Logger.Level.DEBUG,
                    "/dev/urandom unreadable, hash key from SecureRandom", e);
        }
        return new SecureRandom().generateSeed(16);
    }

    private KeyedHash() {
    }

    static int hash(String s) {
        return hash(s, 0, s.length());
    }

    /** The hash of {@code text[from, to)}, four UTF-16 code units (little-endian) per SipHash block. */
    static int hash(String text, int from, int to) {
        Sip sip = new Sip();
        int i = from;
        for (; i + 4 <= to; i += 4) {
            sip.compress(text.charAt(i) | (long) text.charAt(i + 1) << 16 | (long) text.charAt(i + 2) << 32
                    | (long) text.charAt(i + 3) << 48);
        }
        long last = (long) ((to - from) * 2) << 56;
        for (int shift = 0; i < to; i++, shift += 16) {
            last |= (long) text.charAt(i) << shift;
        }
        sip.compress(last);
        return sip.finish();
    }

    /** The four state words; short-lived, so the JIT keeps them in registers. */
    private static final class Sip {
        private long v0 = K0 ^ 0x736f6d6570736575L;
        private long v1 = K1 ^ 0x646f72616e646f6dL;
        private long v2 = K0 ^ 0x6c7967656e657261L;
        private long v3 = K1 ^ 0x7465646279746573L;

        /** One block, one compression round (the "1" of SipHash-1-3). */
        void compress(long m) {
            v3 ^= m;
            round();
            v0 ^= m;
        }

        /** Three finalisation rounds. */
        int finish() {
            v2 ^= 0xff;
            round();
            round();
            round();
            long h = v0 ^ v1 ^ v2 ^ v3;
            return (int) (h ^ (h >>> 32));
        }

        private void round() {
            v0 += v1;
            v1 = Long.rotateLeft(v1, 13);
            v1 ^= v0;
            v0 = Long.rotateLeft(v0, 32);
            v2 += v3;
            v3 = Long.rotateLeft(v3, 16);
            v3 ^= v2;
            v0 += v3;
            v3 = Long.rotateLeft(v3, 21);
            v3 ^= v0;
            v2 += v1;
            v1 = Long.rotateLeft(v1, 17);
            v1 ^= v2;
            v2 = Long.rotateLeft(v2, 32);
        }
    }
}
