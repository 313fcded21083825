package io.typedipc.runtime.internal.wire;

import io.typedipc.runtime.WireLimits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The two ways {@link FrameReader} fills its buffer: reading ahead (a link's reader) and exactly (a handshake). */
class FrameReaderReadAheadTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A stream that hands out at most {@code chunk} bytes per read, as a socket may. */
    private static InputStream trickle(byte[] bytes, int chunk) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    private static byte[] frames(String... bodies) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(out);
        for (String body : bodies) {
            writer.write(utf8(body));
        }
        writer.flush();
        return out.toByteArray();
    }

    @Test
    void framesSplitAcrossReadsOrSharingOneReadComeOutWhole() throws IOException {
        String big = "[\"" + "y".repeat(20_000) + "\"]"; // larger than the reader's buffer
        byte[] stream = frames("{\"a\":1}", big, "[]", "{\"text\":\"grüße ✓\"}");
        for (int chunk : new int[] {1, 3, 17, 8192, 1 << 20}) {
            for (FrameReader reader : new FrameReader[] {
                    FrameReader.readingAhead(trickle(stream, chunk), WireLimits.DEFAULT_MAX_FRAME_BYTES, WireLimits.DEFAULT_MAX_HEADER_BYTES),
                    new FrameReader(trickle(stream, chunk), WireLimits.DEFAULT_MAX_FRAME_BYTES, WireLimits.DEFAULT_MAX_HEADER_BYTES)}) {
                assertArrayEquals(utf8("{\"a\":1}"), reader.read(), "chunk " + chunk);
                assertArrayEquals(utf8(big), reader.read(), "chunk " + chunk);
                assertArrayEquals(utf8("[]"), reader.read(), "chunk " + chunk);
                assertArrayEquals(utf8("{\"text\":\"grüße ✓\"}"), reader.read(), "chunk " + chunk);
                assertNull(reader.read(), "chunk " + chunk);
            }
        }
    }

    @Test
    void theExactReaderLeavesTheNextFrameInTheStreamForWhoeverReadsNext() throws IOException {
        // A handshake reads one frame, then a link takes the stream over: nothing of the next frame may be lost.
        InputStream in = new java.io.BufferedInputStream(new ByteArrayInputStream(frames("{\"hello\":1}", "[2]")));
        assertArrayEquals(utf8("{\"hello\":1}"), new FrameReader(in, WireLimits.DEFAULT_MAX_FRAME_BYTES, WireLimits.DEFAULT_MAX_HEADER_BYTES).read());
        FrameReader link = FrameReader.readingAhead(in, WireLimits.DEFAULT_MAX_FRAME_BYTES, WireLimits.DEFAULT_MAX_HEADER_BYTES);
        assertArrayEquals(utf8("[2]"), link.read());
        assertNull(link.read());
    }

    @Test
    void readingAheadKeepsTheLimitsAndTheErrors() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }
        };
        FramingException tooLong = assertThrows(FramingException.class,
                () -> FrameReader.readingAhead(endless, WireLimits.DEFAULT_MAX_FRAME_BYTES, WireLimits.DEFAULT_MAX_HEADER_BYTES).read());
        assertTrue(tooLong.getMessage().contains("8192"), tooLong.getMessage());
        WireLimits small = WireLimits.builder().maxFrameBytes(10).maxHeaderBytes(64).build();
        assertThrows(FramingException.class, () -> FrameReader.readingAhead(
                new ByteArrayInputStream(utf8("Content-Length: 11\r\n\r\n01234567890")), small.maxFrameBytes(), small.maxHeaderBytes()).read());
        FramingException malformed = assertThrows(FramingException.class, () -> FrameReader.readingAhead(
                new ByteArrayInputStream(utf8("Content-Length: 1x\r\n\r\n{}")), WireLimits.DEFAULT_MAX_FRAME_BYTES, WireLimits.DEFAULT_MAX_HEADER_BYTES).read());
        assertEquals("Content-Length is not a number of bytes: 1x", malformed.getMessage());
        assertThrows(EOFException.class, () -> FrameReader.readingAhead(
                new ByteArrayInputStream(utf8("Content-Length: 10\r\n\r\n{}")), WireLimits.DEFAULT_MAX_FRAME_BYTES, WireLimits.DEFAULT_MAX_HEADER_BYTES).read());
    }
}
