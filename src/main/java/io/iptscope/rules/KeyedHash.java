package io.iptscope.rules;

import java.nio.ByteBuffer;
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
        ByteBuffer key = ByteBuffer.wrap(new SecureRandom().generateSeed(16));
        K0 = key.getLong();
        K1 = key.getLong();
    }

    private KeyedHash() {
    }

    static int hash(String s) {
        return hash(s, 0, s.length());
    }

    /** The hash of {@code text[from, to)}, four UTF-16 code units (little-endian) per SipHash block. */
    static int hash(String text, int from, int to) {
        long v0 = K0 ^ 0x736f6d6570736575L;
        long v1 = K1 ^ 0x646f72616e646f6dL;
        long v2 = K0 ^ 0x6c7967656e657261L;
        long v3 = K1 ^ 0x7465646279746573L;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            long m = text.charAt(i) | (long) text.charAt(i + 1) << 16 | (long) text.charAt(i + 2) << 32
                    | (long) text.charAt(i + 3) << 48;
            v3 ^= m;
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            v0 ^= m;
        }
        long last = (long) ((to - from) * 2) << 56;
        for (int shift = 0; i < to; i++, shift += 16) {
            last |= (long) text.charAt(i) << shift;
        }
        v3 ^= last;
        v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
        v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
        v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
        v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        v0 ^= last;
        v2 ^= 0xff;
        for (int r = 0; r < 3; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        long h = v0 ^ v1 ^ v2 ^ v3;
        return (int) (h ^ (h >>> 32));
    }
}
