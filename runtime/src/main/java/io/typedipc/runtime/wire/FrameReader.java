package io.typedipc.runtime.wire;

import io.typedipc.runtime.ErrorCodes;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads frames in the Language Server Protocol's base-protocol framing: header lines ({@code Name: value}, each ended
 * by {@code \r\n}; a bare {@code \n} is accepted too), a blank line, then exactly {@code Content-Length} bytes of
 * UTF-8 JSON. {@code Content-Length} is required; {@code Content-Type} is optional and, if it names a charset, that
 * charset must be UTF-8; other headers are ignored. Nothing is allocated before the limits are checked: the header
 * block is bounded by {@link WireLimits#maxHeaderBytes()} and the body by {@link WireLimits#maxFrameBytes()}. Not
 * thread-safe: one reader thread per stream.
 */
public final class FrameReader {
    private static final byte[] NO_BYTES = new byte[0];

    private final InputStream in;
    private final int maxFrameBytes;
    private final int maxHeaderBytes;
    private final byte[] line;

    public FrameReader(InputStream in, WireLimits limits) {
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 8192);
        this.maxFrameBytes = limits.maxFrameBytes();
        this.maxHeaderBytes = limits.maxHeaderBytes();
        this.line = new byte[maxHeaderBytes];
    }

    /**
     * Reads the next frame's body.
     *
     * @return the body, or {@code null} at the end of the stream between frames
     * @throws FramingException when the header breaks a limit or the framing rules (framing is lost)
     * @throws EOFException when the stream ends inside a frame
     * @throws IOException when reading fails
     */
    public byte[] read() throws IOException {
        int headerBytes = 0;
        long contentLength = -1;
        boolean first = true;
        while (true) {
            int length = 0;
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    if (first && length == 0) {
                        return null;
                    }
                    throw new EOFException("the stream ended inside a frame header");
                }
                if (headerBytes + length + 1 >= maxHeaderBytes) {
                    throw new FramingException(ErrorCodes.INVALID_REQUEST,
                            "the frame header is longer than the limit of " + maxHeaderBytes + " bytes");
                }
                line[length++] = (byte) b;
            }
            headerBytes += length + 1;
            first = false;
            if (length > 0 && line[length - 1] == '\r') {
                length--;
            }
            if (length == 0) {
                break;
            }
            String text = new String(line, 0, length, StandardCharsets.US_ASCII);
            int colon = text.indexOf(':');
            if (colon <= 0) {
                throw new FramingException(ErrorCodes.PARSE_ERROR, "malformed frame header line: " + printable(text));
            }
            String name = text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = text.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                if (contentLength >= 0) {
                    throw new FramingException(ErrorCodes.PARSE_ERROR, "two Content-Length headers in one frame");
                }
                contentLength = parseLength(value);
            } else if (name.equals("content-type")) {
                checkCharset(value);
            }
        }
        if (contentLength < 0) {
            throw new FramingException(ErrorCodes.PARSE_ERROR, "a frame header without Content-Length");
        }
        if (contentLength > maxFrameBytes) {
            throw new FramingException(ErrorCodes.INVALID_REQUEST, "a message of " + contentLength
                    + " bytes is over the limit of " + maxFrameBytes + " bytes");
        }
        if (contentLength == 0) {
            return NO_BYTES;
        }
        byte[] body = in.readNBytes((int) contentLength);
        if (body.length < contentLength) {
            throw new EOFException("the stream ended inside a message: " + body.length + " of " + contentLength
                    + " bytes");
        }
        return body;
    }

    private static long parseLength(String value) throws FramingException {
        if (value.isEmpty() || value.length() > 12 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new FramingException(ErrorCodes.PARSE_ERROR, "Content-Length is not a number of bytes: "
                    + printable(value));
        }
        return Long.parseLong(value); // at most 12 digits: cannot overflow
    }

    private static void checkCharset(String contentType) throws FramingException {
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
                String charset = pair[1].trim().replace("\"", "").toLowerCase(Locale.ROOT);
                if (!charset.equals("utf-8") && !charset.equals("utf8")) {
                    throw new FramingException(ErrorCodes.PARSE_ERROR, "unsupported charset " + printable(charset)
                            + ": messages are UTF-8");
                }
            }
        }
    }

    private static String printable(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        StringBuilder out = new StringBuilder(shown.length());
        shown.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return out.toString();
    }
}
