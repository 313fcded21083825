package io.typedipc.benchmarks.impl;

import java.nio.charset.StandardCharsets;

/** {@code Content-Length} headers by body length, built once each. */
final class HeaderCache {
    private final byte[][] headers = new byte[128 * 1024][];

    byte[] header(int length) {
        if (length >= headers.length) {
            return build(length);
        }
        byte[] header = headers[length];
        if (header == null) {
            header = build(length);
            headers[length] = header;
        }
        return header;
    }

    private static byte[] build(int length) {
        return ("Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
