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

    /**
     * The hash of {@code text[from, to)}, four UTF-16 code units (little-endian) per SipHash block. The state lives
     * in locals and one loop body does every round: the client compiler of a command-line run does no escape
     * analysis, so a state object was an allocation per hash (some 18 MB for a 100k-rule save).
     */
    static int hash(String text, int from, int to) {
        long v0 = K0 ^ 0x736f6d6570736575L;
        long v1 = K1 ^ 0x646f72616e646f6dL;
        long v2 = K0 ^ 0x6c7967656e657261L;
        long v3 = K1 ^ 0x7465646279746573L;
        int blocks = (to - from) / 4 + 1;
        // Steps [0, blocks) compress a block with one round (the "1" of SipHash-1-3); the last block holds the
        // length and the leftover units. The three steps after them are the finalisation rounds.
        for (int step = 0; step < blocks + 3; step++) {
            long m = 0;
            if (step < blocks - 1) {
                int i = from + 4 * step;
                m = text.charAt(i) | (long) text.charAt(i + 1) << 16 | (long) text.charAt(i + 2) << 32
                        | (long) text.charAt(i + 3) << 48;
            } else if (step == blocks - 1) {
                m = (long) ((to - from) * 2) << 56;
                for (int i = from + 4 * step, shift = 0; i < to; i++, shift += 16) {
                    m |= (long) text.charAt(i) << shift;
                }
            } else if (step == blocks) {
                v2 ^= 0xff;
            }
            v3 ^= m;
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
            v0 ^= m;
        }
        long h = v0 ^ v1 ^ v2 ^ v3;
        return (int) (h ^ (h >>> 32));
    }
}
