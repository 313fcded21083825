package io.typedipc.runtime.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes frames in the Language Server Protocol's base-protocol framing: {@code Content-Length: N\r\n}, a blank line
 * ({@code \r\n}), then the N bytes of the UTF-8 JSON message. No {@code Content-Type} header is written (its default,
 * UTF-8 JSON, is what we send). Not thread-safe: one writer thread per stream.
 */
public final class FrameWriter {
    private final OutputStream out;

    public FrameWriter(OutputStream out) {
        this.out = out;
    }

    /** The header of a frame whose body is {@code length} bytes long. */
    public static byte[] header(int length) {
        return ("Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes one frame; call {@link #flush()} when no more frames are waiting. */
    public void write(byte[] body) throws IOException {
        out.write(header(body.length));
        out.write(body);
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
