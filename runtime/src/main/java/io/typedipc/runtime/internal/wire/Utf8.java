package io.typedipc.runtime.internal.wire;

/**
 * Checks that a frame is UTF-8 JSON text before Jackson sees it. Jackson would otherwise detect UTF-16 and UTF-32
 * bodies and run them, and decode overlong forms (such as {@code C0 AF} for {@code /}), so that two peers could read
 * one frame differently. Refused: malformed and overlong sequences, UTF-16 surrogates, code points above U+10FFFF,
 * and the byte {@code 00} (never part of UTF-8 JSON text outside a string, and inside one it must be escaped; it is
 * what a UTF-16 or UTF-32 body is full of). For the runtime's own use.
 */
public final class Utf8 {
    private Utf8() {}

    /** The offset of the first byte that breaks the rules above, or -1 when {@code bytes[from, to)} is valid. */
    public static int firstInvalid(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to) {
            int b = bytes[i];
            if (b > 0) { // ASCII, most of every frame
                i++;
                continue;
            }
            if (b == 0) {
                return i;
            }
            int lead = b & 0xff;
            int length;
            int min;
            if (lead >= 0xc2 && lead <= 0xdf) {
                length = 2;
                min = 0x80;
            } else if (lead >= 0xe0 && lead <= 0xef) {
                length = 3;
                min = 0x800;
            } else if (lead >= 0xf0 && lead <= 0xf4) {
                length = 4;
                min = 0x10000;
            } else {
                return i; // a continuation byte, C0/C1 (always overlong), or F5..FF
            }
            if (i + length > to) {
                return i;
            }
            int codePoint = lead & (0x3f >> (length - 1));
            for (int k = 1; k < length; k++) {
                int next = bytes[i + k] & 0xff;
                if ((next & 0xc0) != 0x80) {
                    return i;
                }
                codePoint = (codePoint << 6) | (next & 0x3f);
            }
            if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
                return i;
            }
            i += length;
        }
        return -1;
    }
}
