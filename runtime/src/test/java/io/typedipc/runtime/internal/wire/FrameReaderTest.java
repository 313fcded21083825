package io.typedipc.runtime.internal.wire;

import io.typedipc.runtime.WireLimits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.ErrorCodes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FrameReaderTest {
    private static final Duration FAST = Duration.ofSeconds(20);

    private static FrameReader reader(String text) {
        return new FrameReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), WireLimits.DEFAULT_MAX_FRAME_BYTES, WireLimits.DEFAULT_MAX_HEADER_BYTES);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsWhatTheWriterWrites() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(out);
        writer.write(utf8("{\"a\":1}"));
        writer.writeAndFlush(utf8("{\"text\":\"grüße ✓\"}"));
        assertEquals("Content-Length: 7\r\n\r\n{\"a\":1}Content-Length: 22\r\n\r\n{\"text\":\"grüße ✓\"}",
                out.toString(StandardCharsets.UTF_8));
        FrameReader reader = new FrameReader(new ByteArrayInputStream(out.toByteArray()), WireLimits.DEFAULT_MAX_FRAME_BYTES, WireLimits.DEFAULT_MAX_HEADER_BYTES);
        assertArrayEquals(utf8("{\"a\":1}"), reader.read());
        assertArrayEquals(utf8("{\"text\":\"grüße ✓\"}"), reader.read());
        assertNull(reader.read());
    }

    @Test
    void acceptsContentTypeOtherHeadersAnyCaseAndBareLineFeeds() throws IOException {
        FrameReader reader = reader("content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n"
                + "X-Extra: 1\r\n\r\n{}" + "Content-Length:2\n\n[]" + "Content-Type: application/json\r\nContent-Length: 4\r\n\r\nnull");
        assertArrayEquals(utf8("{}"), reader.read());
        assertArrayEquals(utf8("[]"), reader.read());
        assertArrayEquals(utf8("null"), reader.read());
        assertNull(reader.read());
    }

    @Test
    void endOfStreamInsideAFrameIsAnError() {
        assertThrows(EOFException.class, () -> reader("Content-Length: 10\r\n\r\n{}").read());
        assertThrows(EOFException.class, () -> reader("Content-Length: 10\r\n").read());
    }

    @Test
    void refusesAHugeContentLengthWithoutAllocatingOrWaiting() {
        FramingException e = assertTimeoutPreemptively(FAST, () -> assertThrows(FramingException.class,
                () -> reader("Content-Length: 2147483647\r\n\r\n{}").read()));
        assertEquals(ErrorCodes.INVALID_REQUEST, e.code());
        assertTrue(e.getMessage().contains("2147483647"), e.getMessage());
        FramingException huge = assertThrows(FramingException.class,
                () -> reader("Content-Length: 99999999999999999999999\r\n\r\n{}").read());
        assertEquals(ErrorCodes.PARSE_ERROR, huge.code());
    }

    @Test
    void refusesAHeaderLineThatNeverEnds() {
        // An endless stream of header bytes: the reader must stop at the header limit, not read on.
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }
        };
        FrameReader reader = new FrameReader(endless, WireLimits.DEFAULT_MAX_FRAME_BYTES, WireLimits.DEFAULT_MAX_HEADER_BYTES);
        FramingException e = assertTimeoutPreemptively(FAST, () -> assertThrows(FramingException.class, reader::read));
        assertTrue(e.getMessage().contains("8192"), e.getMessage());
    }

    /**
     * There is no separate limit on the number of header lines: many short lines, each well under the limit, count
     * together against the 8 KiB header limit (here about 25 KB of them), so the reader never reads on past it.
     */
    @Test
    void manyShortHeaderLinesCountTogetherAgainstTheHeaderLimit() {
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            header.append("X-Filler-").append(i).append(": v\r\n");
        }
        InputStream in = new SequenceInputStream(new ByteArrayInputStream(utf8(header.toString())),
                new ByteArrayInputStream(utf8("Content-Length: 2\r\n\r\n{}")));
        FramingException e = assertThrows(FramingException.class, () -> new FrameReader(in, WireLimits.DEFAULT_MAX_FRAME_BYTES, WireLimits.DEFAULT_MAX_HEADER_BYTES).read());
        assertEquals(ErrorCodes.INVALID_REQUEST, e.code());
        assertTrue(e.getMessage().contains("the frame header is longer than the limit of 8192 bytes"), e.getMessage());
    }

    @Test
    void refusesMalformedHeaders() {
        assertFraming("Content-Length: -1\r\n\r\n", "Content-Length is not a number of bytes: -1");
        assertFraming("Content-Length: 0x10\r\n\r\n", "Content-Length is not a number of bytes: 0x10");
        assertFraming("Content-Length:\r\n\r\n", "Content-Length is not a number of bytes");
        assertFraming("Content-Type: application/json\r\n\r\n{}", "a frame header without Content-Length");
        assertFraming("{\"jsonrpc\":\"2.0\"}\r\n\r\n", "a frame header without Content-Length"); // a body with no header
        assertFraming(": no name\r\n\r\n", "malformed frame header line");
        assertFraming("Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}", "two Content-Length headers in one frame");
        assertFraming("Content-Length: 2\r\nContent-Type: application/json; charset=latin1\r\n\r\n{}",
                "unsupported charset latin1");
    }

    /**
     * A NUL byte is no header text (docs/protocol.md): anywhere in a header line — first byte of the frame, inside a
     * name, at the end of a value that trimming would drop, in a header that is otherwise ignored — it is a
     * malformed header (-32700), never the end of the stream, for both ways of reading.
     */
    @Test
    void aNulByteInAHeaderLineIsAMalformedHeader() {
        String[] frames = {
            "\0Content-Length: 2\r\n\r\n{}",
            "Content\0-Length: 2\r\n\r\n{}",
            "Content-Length: 2\0\r\n\r\n{}",
            "Content-Length: 2\r\nX-Ignored: a\0b\r\n\r\n{}",
            "\0\r\n\r\n",
        };
        for (String frame : frames) {
            byte[] bytes = utf8(frame);
            for (FrameReader reader : new FrameReader[] {
                    new FrameReader(new ByteArrayInputStream(bytes), WireLimits.DEFAULT_MAX_FRAME_BYTES, WireLimits.DEFAULT_MAX_HEADER_BYTES),
                    FrameReader.readingAhead(new ByteArrayInputStream(bytes), WireLimits.DEFAULT_MAX_FRAME_BYTES, WireLimits.DEFAULT_MAX_HEADER_BYTES)}) {
                FramingException e = assertThrows(FramingException.class, reader::read, frame);
                assertEquals(ErrorCodes.PARSE_ERROR, e.code(), frame);
                assertTrue(e.getMessage().contains("malformed frame header line (a NUL byte)"), e.getMessage());
            }
        }
        // After a frame, in a buffer that still holds the last frame's header bytes: the NUL is what is read.
        for (FrameReader reader : new FrameReader[] {
                reader("Content-Length: 2\r\n\r\n{}\0Content-Length: 2\r\n\r\n{}"),
                FrameReader.readingAhead(new ByteArrayInputStream(utf8("Content-Length: 2\r\n\r\n{}\0Content-Length: 2\r\n\r\n{}")),
                        WireLimits.DEFAULT_MAX_FRAME_BYTES, WireLimits.DEFAULT_MAX_HEADER_BYTES)}) {
            assertArrayEquals(utf8("{}"), assertDoesNotThrow(reader::read));
            FramingException e = assertThrows(FramingException.class, reader::read);
            assertTrue(e.getMessage().contains("malformed frame header line (a NUL byte)"), e.getMessage());
        }
    }

    /** A line feed as the very first byte ends an empty header block: no Content-Length, not the end of the stream. */
    @Test
    void aLineFeedAsTheFirstByteIsAHeaderWithoutContentLength() {
        assertFraming("\nContent-Length: 2\r\n\r\n{}", "a frame header without Content-Length");
        assertFraming("\r\nContent-Length: 2\r\n\r\n{}", "a frame header without Content-Length");
    }

    /**
     * Names are compared whole: a name as long as Content-Length or Content-Type with other letters is another
     * header (ignored); spaces and tabs around a value are not part of it.
     */
    @Test
    void onlyTheExactNamesCountAndValuesAreTrimmed() throws IOException {
        FrameReader reader = reader("Content-Lengtx: 5\r\nContent-Tipe: text/plain; charset=latin1\r\n"
                + "Content-Length: \t2 \t \r\n\r\n{}");
        assertArrayEquals(utf8("{}"), reader.read());
    }

    /**
     * Reading ahead: a header that arrives a few bytes per read is assembled in the buffer, and a Content-Type
     * charset is read from its own line only, though the next lines are already buffered.
     */
    @Test
    void aReadAheadHeaderMayArriveInPiecesAndEachLineIsReadOnItsOwn() throws IOException {
        byte[] frames = utf8("Content-Length: 2\r\nContent-Type: application/json; charset=utf-8\r\nX-After: 1\r\n\r\n{}"
                + "Content-Length: 4\r\n\r\nnull");
        InputStream trickle = new InputStream() {
            private int next;

            @Override
            public int read() {
                return next < frames.length ? frames[next++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Objects.checkFromIndexSize(off, len, b.length);
                if (next >= frames.length) {
                    return -1;
                }
                int n = Math.min(Math.min(len, 3), frames.length - next);
                System.arraycopy(frames, next, b, off, n);
                next += n;
                return n;
            }
        };
        FrameReader reader = FrameReader.readingAhead(trickle, WireLimits.DEFAULT_MAX_FRAME_BYTES,
                WireLimits.DEFAULT_MAX_HEADER_BYTES);
        assertArrayEquals(utf8("{}"), reader.read());
        assertArrayEquals(utf8("null"), reader.read());
        assertNull(reader.read());
        FrameReader whole = FrameReader.readingAhead(new ByteArrayInputStream(frames), WireLimits.DEFAULT_MAX_FRAME_BYTES,
                WireLimits.DEFAULT_MAX_HEADER_BYTES);
        assertArrayEquals(utf8("{}"), whole.read());
        assertArrayEquals(utf8("null"), whole.read());
    }

    /** Reading {@code text} fails with a framing error -32700 whose message contains {@code message}. */
    private static void assertFraming(String text, String message) {
        FramingException e = assertThrows(FramingException.class, () -> reader(text).read(), text);
        assertEquals(ErrorCodes.PARSE_ERROR, e.code(), text);
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void honoursConfiguredLimits() throws IOException {
        WireLimits small = WireLimits.builder().maxFrameBytes(10).maxHeaderBytes(64).build();
        byte[] ok = new FrameReader(new ByteArrayInputStream(utf8("Content-Length: 10\r\n\r\n0123456789")), small.maxFrameBytes(), small.maxHeaderBytes()).read();
        assertEquals(10, ok.length);
        assertThrows(FramingException.class,
                () -> new FrameReader(new ByteArrayInputStream(utf8("Content-Length: 11\r\n\r\n01234567890")), small.maxFrameBytes(), small.maxHeaderBytes()).read());
        String longHeader = "Content-Length: 2\r\nX-Long: " + "y".repeat(60) + "\r\n\r\n{}";
        assertThrows(FramingException.class,
                () -> new FrameReader(new ByteArrayInputStream(utf8(longHeader)), small.maxFrameBytes(), small.maxHeaderBytes()).read());
    }

    /** An empty body is a frame (not the end of the stream), and a first Content-Length of 0 still counts. */
    @Test
    void aContentLengthOfZeroIsAnEmptyFrame() throws IOException {
        FrameReader reader = reader("Content-Length: 0\r\n\r\nContent-Length: 2\r\n\r\n{}");
        assertArrayEquals(new byte[0], reader.read());
        assertArrayEquals(utf8("{}"), reader.read());
        assertNull(reader.read());
        FramingException twice = assertThrows(FramingException.class,
                () -> reader("Content-Length: 0\r\nContent-Length: 2\r\n\r\n{}").read());
        assertTrue(twice.getMessage().contains("two Content-Length headers"), twice.getMessage());
    }

    /** The header limit at its boundary (64 bytes here): a header of 63 bytes before its last line feed is read. */
    @Test
    void theHeaderLimitHoldsAtItsExactBoundary() throws IOException {
        WireLimits small = WireLimits.builder().maxHeaderBytes(64).build();
        String fits = "Content-Length: 2\r\nX: " + "p".repeat(38) + "\r\n\r\n{}";
        assertArrayEquals(utf8("{}"), new FrameReader(new ByteArrayInputStream(utf8(fits)), small.maxFrameBytes(), small.maxHeaderBytes()).read());
        String over = "Content-Length: 2\r\nX: " + "p".repeat(39) + "\r\n\r\n{}";
        assertThrows(FramingException.class, () -> new FrameReader(new ByteArrayInputStream(utf8(over)), small.maxFrameBytes(), small.maxHeaderBytes()).read());
    }

    /** Content-Length takes at most 12 digits (so it can never overflow). */
    @Test
    void contentLengthHasAtMostTwelveDigits() throws IOException {
        assertArrayEquals(utf8("{}"), reader("Content-Length: 000000000002\r\n\r\n{}").read());
        FramingException thirteen = assertThrows(FramingException.class,
                () -> reader("Content-Length: 0000000000002\r\n\r\n{}").read());
        assertTrue(thirteen.getMessage().contains("not a number of bytes"), thirteen.getMessage());
    }

    @Test
    void limitsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> WireLimits.builder().maxFrameBytes(0));
        assertThrows(IllegalArgumentException.class, () -> WireLimits.builder().maxHeaderBytes(10));
        assertThrows(IllegalArgumentException.class, () -> WireLimits.builder().maxNestingDepth(2));
        assertThrows(IllegalArgumentException.class, () -> WireLimits.builder().sendStallTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> WireLimits.builder().maxFrameBytes(1000).maxQueuedOutgoingBytes(999).build());
        WireLimits limits = WireLimits.defaults().toBuilder().maxNestingDepth(10).build();
        assertEquals(10, limits.streamReadConstraints().getMaxNestingDepth());
        assertEquals(WireLimits.DEFAULT_MAX_FRAME_BYTES, limits.streamReadConstraints().getMaxDocumentLength());
    }
}
