package io.typedipc.benchmarks.harness;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Hand-written LSP base-protocol framing ({@code Content-Length: N\r\n\r\n} then N bytes), used by the floor and the
 * Jackson baseline on both ends. Deliberately minimal: it is the physical-limit side of the comparison.
 */
public final class Frames {
    private static final byte[] PREFIX = "Content-Length: ".getBytes(StandardCharsets.US_ASCII);

    private Frames() {
    }

    /** Header and body in one array, ready for a single write. */
    public static byte[] frame(byte[] body) {
        byte[] header = ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] framed = Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, framed, header.length, body.length);
        return framed;
    }

    /** Reads frames from a stream into one reused buffer. One reader thread per stream. */
    public static final class Reader {
        private final InputStream in;
        private final byte[] buffer = new byte[256 * 1024];
        private int start;
        private int end;
        private byte[] body = new byte[128 * 1024];
        private int length;

        public Reader(InputStream in) {
            this.in = in;
        }

        /** Reads the next frame; false at the end of the stream between frames. */
        public boolean next() throws IOException {
            int contentLength = -1;
            while (true) {
                int lineEnd = indexOfNewline();
                while (lineEnd < 0) {
                    if (!fill()) {
                        if (start == end && contentLength < 0) {
                            return false;
                        }
                        throw new EOFException("the stream ended inside a frame header");
                    }
                    lineEnd = indexOfNewline();
                }
                int lineLength = lineEnd - start;
                if (lineLength > 0 && buffer[lineEnd - 1] == '\r') {
                    lineLength--;
                }
                if (lineLength == 0) {
                    start = lineEnd + 1;
                    break;
                }
                if (startsWithPrefix(lineLength)) {
                    contentLength = 0;
                    for (int i = start + PREFIX.length; i < start + lineLength; i++) {
                        contentLength = contentLength * 10 + (buffer[i] - '0');
                    }
                }
                start = lineEnd + 1;
            }
            if (contentLength < 0) {
                throw new IOException("a frame without Content-Length");
            }
            if (body.length < contentLength) {
                body = new byte[Math.max(contentLength, body.length * 2)];
            }
            int copied = Math.min(contentLength, end - start);
            System.arraycopy(buffer, start, body, 0, copied);
            start += copied;
            while (copied < contentLength) {
                int n = in.read(body, copied, contentLength - copied);
                if (n < 0) {
                    throw new EOFException("the stream ended inside a frame body");
                }
                copied += n;
            }
            length = contentLength;
            return true;
        }

        /** The last frame's body: valid until the next call of {@link #next()}. */
        public byte[] body() {
            return body;
        }

        /** True when bytes of a further frame are already read into the buffer. */
        public boolean hasBuffered() {
            return start < end;
        }

        /** The last frame's body length. */
        public int length() {
            return length;
        }

        private int indexOfNewline() {
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        private boolean startsWithPrefix(int lineLength) {
            if (lineLength < PREFIX.length) {
                return false;
            }
            for (int i = 0; i < PREFIX.length; i++) {
                if (buffer[start + i] != PREFIX[i]) {
                    return false;
                }
            }
            return true;
        }

        private boolean fill() throws IOException {
            if (start == end) {
                start = 0;
                end = 0;
            } else if (end == buffer.length) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                return false;
            }
            end += n;
            return true;
        }
    }
}
