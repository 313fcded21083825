package io.typedipc.runtime.internal.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads frames in the Language Server Protocol's base-protocol framing: header lines ({@code Name: value}, each ended
 * by {@code \r\n}; a bare {@code \n} is accepted too), a blank line, then exactly {@code Content-Length} bytes of
 * UTF-8 JSON. {@code Content-Length} is required; {@code Content-Type} is optional and, if it names a charset, that
 * charset must be UTF-8; other headers are ignored; a NUL byte in any header line makes it malformed. Nothing is
 * allocated before the limits are checked: the header block is bounded by the settings'
 * {@code WireLimits.maxHeaderBytes()} and the body by {@code maxFrameBytes()}. Not thread-safe: one reader thread per
 * stream.
 *
 * <p>The reader parses header lines in place, in its own buffer: a frame costs one array (its body) and no
 * {@code String}s. Two ways to fill that buffer:
 * <ul>
 *   <li>{@link #readingAhead}, for a reader that owns the stream from now on (a link's reader thread): bulk reads, so
 *       the stream is never read one byte at a time; bytes of the next frames that arrive with this one stay in this
 *       reader's buffer for the next {@link #read()}.
 *   <li>the constructor: reads nothing beyond the frame it returns (the header one byte at a time, then exactly the
 *       body), so that the stream can be handed on afterwards — a handshake reads its frame this way before a link
 *       takes the stream over. Give it a buffered stream.
 * </ul>
 */
public final class FrameReader {
    private static final byte[] NO_BYTES = new byte[0];
    private static final byte[] CONTENT_LENGTH = "content-length".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_TYPE = "content-type".getBytes(StandardCharsets.US_ASCII);
    private static final int BUFFER_BYTES = 8192;
    /** More digits than this cannot be a frame size: checked before parsing, so the number cannot overflow. */
    private static final int MAX_LENGTH_DIGITS = 12;

    private final InputStream in;
    private final int maxFrameBytes;
    private final int maxHeaderBytes;
    private final byte[] buffer;
    private final boolean readAhead;
    private int position;
    private int limit;

    /** A reader that reads no byte beyond each frame it returns (see the class comment). */
    public FrameReader(InputStream in, int maxFrameBytes, int maxHeaderBytes) {
        this(in, maxFrameBytes, maxHeaderBytes, false);
    }

    /** A reader that owns {@code in} from now on and reads ahead of the frame it returns (see the class comment). */
    public static FrameReader readingAhead(InputStream in, int maxFrameBytes, int maxHeaderBytes) {
        return new FrameReader(in, maxFrameBytes, maxHeaderBytes, true);
    }

    private FrameReader(InputStream in, int maxFrameBytes, int maxHeaderBytes, boolean readAhead) {
        this.in = in;
        this.readAhead = readAhead;
        this.maxFrameBytes = maxFrameBytes;
        this.maxHeaderBytes = maxHeaderBytes;
        // A header block within the limit (plus its last line feeds) fits in the buffer, so every line is parsed
        // where it lies.
        this.buffer = new byte[Math.max(BUFFER_BYTES, maxHeaderBytes + 2)];
    }

    /**
     * Reads the next frame's body.
     *
     * @return the body, or {@code null} at the end of the stream between frames
     * @throws FramingException when the header breaks a limit or the framing rules (framing is lost)
     * @throws EOFException when the stream ended inside a frame
     * @throws IOException when reading fails
     */
    public byte[] read() throws IOException {
        // The header block is parsed from the buffer; compact first so that all of it fits.
        compact();
        int headerStart = position;
        long contentLength = -1;
        while (true) {
            int lineStart = position;
            int end = findLineEnd(headerStart, lineStart);
            if (end < 0) {
                return null; // the stream ended cleanly between frames
            }
            position = end + 1;
            int lineEnd = end > lineStart && buffer[end - 1] == '\r' ? end - 1 : end;
            if (lineEnd == lineStart) {
                break;
            }
            // A NUL is no header text (as in HTTP, RFC 9110 5.5): refused rather than trimmed away as a space.
            if (indexOf(buffer, lineStart, lineEnd, (byte) 0) >= 0) {
                throw new FramingException(JsonRpcCodes.PARSE_ERROR, "malformed frame header line (a NUL byte): "
                        + printable(lineStart, lineEnd));
            }
            int colon = indexOf(buffer, lineStart, lineEnd, (byte) ':');
            if (colon <= lineStart) {
                throw new FramingException(JsonRpcCodes.PARSE_ERROR, "malformed frame header line: "
                        + printable(lineStart, lineEnd));
            }
            int nameStart = skipSpaces(lineStart, colon);
            int nameEnd = trimSpaces(nameStart, colon);
            int valueStart = skipSpaces(colon + 1, lineEnd);
            int valueEnd = trimSpaces(valueStart, lineEnd);
            if (nameIs(CONTENT_LENGTH, nameStart, nameEnd)) {
                if (contentLength >= 0) {
                    throw new FramingException(JsonRpcCodes.PARSE_ERROR, "two Content-Length headers in one frame");
                }
                contentLength = parseLength(valueStart, valueEnd);
            } else if (nameIs(CONTENT_TYPE, nameStart, nameEnd)) {
                checkCharset(new String(buffer, valueStart, valueEnd - valueStart, StandardCharsets.US_ASCII));
            }
        }
        if (contentLength < 0) {
            throw new FramingException(JsonRpcCodes.PARSE_ERROR, "a frame header without Content-Length");
        }
        if (contentLength > maxFrameBytes) {
            throw new FramingException(JsonRpcCodes.INVALID_REQUEST, "a message of " + contentLength
                    + " bytes is over the limit of " + maxFrameBytes + " bytes");
        }
        if (contentLength == 0) {
            return NO_BYTES;
        }
        return body((int) contentLength);
    }

    /**
     * The index of the {@code \n} that ends the line starting at {@code lineStart}, reading more as needed; or -1 if
     * the stream ends before the first byte of a frame.
     */
    private int findLineEnd(int headerStart, int lineStart) throws IOException {
        int scan = lineStart;
        while (true) {
            for (; scan < limit; scan++) {
                if (buffer[scan] == '\n') {
                    return scan;
                }
                // The same bound as counting each header byte: at most maxHeaderBytes - 1 bytes before a line feed.
                if (scan - headerStart + 1 >= maxHeaderBytes) {
                    throw new FramingException(JsonRpcCodes.INVALID_REQUEST,
                            "the frame header is longer than the limit of " + maxHeaderBytes + " bytes");
                }
            }
            if (limit == buffer.length) {
                throw new FramingException(JsonRpcCodes.INVALID_REQUEST,
                        "the frame header is longer than the limit of " + maxHeaderBytes + " bytes");
            }
            int n;
            if (readAhead) {
                n = in.read(buffer, limit, buffer.length - limit);
            } else {
                int b = in.read();
                n = b < 0 ? -1 : 1;
                if (b >= 0) {
                    buffer[limit] = (byte) b;
                }
            }
            if (n < 0) {
                if (lineStart == headerStart && scan == lineStart) {
                    return -1;
                }
                throw new EOFException("the stream ended inside a frame header");
            }
            limit += n;
        }
    }

    /** Moves unread bytes to the front of the buffer. */
    private void compact() {
        if (position == 0) {
            return;
        }
        int unread = limit - position;
        System.arraycopy(buffer, position, buffer, 0, unread);
        position = 0;
        limit = unread;
    }

    /** The body: what is already buffered, then the rest straight from the stream into the body's array. */
    private byte[] body(int length) throws IOException {
        byte[] body = new byte[length];
        int buffered = Math.min(length, limit - position);
        System.arraycopy(buffer, position, body, 0, buffered);
        position += buffered;
        int read = buffered;
        if (read < length) {
            read += in.readNBytes(body, read, length - read);
        }
        if (read < length) {
            throw new EOFException("the stream ended inside a message: " + read + " of " + length + " bytes");
        }
        return body;
    }

    private long parseLength(int start, int end) throws FramingException {
        int digits = end - start;
        long value = 0;
        boolean valid = digits > 0 && digits <= MAX_LENGTH_DIGITS;
        for (int i = start; valid && i < end; i++) {
            byte b = buffer[i];
            valid = b >= '0' && b <= '9';
            value = value * 10 + (b - '0');
        }
        if (!valid) {
            throw new FramingException(JsonRpcCodes.PARSE_ERROR, "Content-Length is not a number of bytes: "
                    + printable(start, end));
        }
        return value;
    }

    /** Whether {@code buffer[start, end)} is {@code lowerCaseName}, ignoring ASCII case. */
    private boolean nameIs(byte[] lowerCaseName, int start, int end) {
        if (end - start != lowerCaseName.length) {
            return false;
        }
        for (int i = 0; i < lowerCaseName.length; i++) {
            int b = buffer[start + i];
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != lowerCaseName[i]) {
                return false;
            }
        }
        return true;
    }

    private int skipSpaces(int start, int end) {
        while (start < end && isSpace(buffer[start])) {
            start++;
        }
        return start;
    }

    private int trimSpaces(int start, int end) {
        while (end > start && isSpace(buffer[end - 1])) {
            end--;
        }
        return end;
    }

    /** What {@link String#trim()} removes: ASCII control characters and space. */
    private static boolean isSpace(byte b) {
        return b >= 0 && b <= ' ';
    }

    private static int indexOf(byte[] bytes, int start, int end, byte wanted) {
        for (int i = start; i < end; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static void checkCharset(String contentType) throws FramingException {
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
                String charset = pair[1].trim().replace("\"", "").toLowerCase(Locale.ROOT);
                if (!charset.equals("utf-8") && !charset.equals("utf8")) {
                    throw new FramingException(JsonRpcCodes.PARSE_ERROR, "unsupported charset " + printable(charset)
                            + ": messages are UTF-8");
                }
            }
        }
    }

    private String printable(int start, int end) {
        return printable(new String(buffer, start, end - start, StandardCharsets.US_ASCII));
    }

    private static String printable(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        StringBuilder out = new StringBuilder(shown.length());
        shown.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return out.toString();
    }
}
