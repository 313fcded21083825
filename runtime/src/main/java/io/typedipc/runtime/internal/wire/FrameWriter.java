package io.typedipc.runtime.internal.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes frames in the Language Server Protocol's base-protocol framing: {@code Content-Length: N\r\n}, a blank line
 * ({@code \r\n}), then the N bytes of the UTF-8 JSON message. No {@code Content-Type} header is written (its default,
 * UTF-8 JSON, is what we send). The header is written from one reused array, so a frame allocates nothing. Not
 * thread-safe: one writing thread at a time per stream.
 */
public final class FrameWriter {
    private static final byte[] PREFIX = "Content-Length: ".getBytes(StandardCharsets.US_ASCII);
    /** The prefix, up to 10 digits (an int) and the two line ends. */
    private static final int MAX_HEADER = PREFIX.length + 10 + 4;

    private final OutputStream out;
    private final byte[] header = newHeaderArray();

    public FrameWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes one frame; call {@link #flush()} when no more frames are waiting. */
    public void write(byte[] body) throws IOException {
        out.write(header, 0, fillHeader(body.length));
        out.write(body);
    }

    private int fillHeader(int length) {
        return encodeHeader(header, length);
    }

    /** An array for {@link #encodeHeader}: large enough for any frame's header. */
    public static byte[] newHeaderArray() {
        byte[] header = new byte[MAX_HEADER];
        System.arraycopy(PREFIX, 0, header, 0, PREFIX.length);
        return header;
    }

    /**
     * Writes the header of a frame of {@code length} bytes into {@code header} (made by {@link #newHeaderArray}):
     * the digits and the blank line after the prefix it already holds. Returns the header's length.
     */
    public static int encodeHeader(byte[] header, int length) {
        int digits = 1;
        for (int rest = length / 10; rest > 0; rest /= 10) {
            digits++;
        }
        int end = PREFIX.length + digits;
        for (int i = end - 1, rest = length; i >= PREFIX.length; i--, rest /= 10) {
            header[i] = (byte) ('0' + rest % 10);
        }
        header[end] = '\r';
        header[end + 1] = '\n';
        header[end + 2] = '\r';
        header[end + 3] = '\n';
        return end + 4;
    }

    public void flush() throws IOException {
        out.flush();
    }

    /** Writes one frame and flushes. */
    public void writeAndFlush(byte[] body) throws IOException {
        write(body);
        flush();
    }
}
