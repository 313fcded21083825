package io.typedipc.runtime.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
        return new FrameReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), WireLimits.defaults());
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
        FrameReader reader = new FrameReader(new ByteArrayInputStream(out.toByteArray()), WireLimits.defaults());
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
        FrameReader reader = new FrameReader(endless, WireLimits.defaults());
        FramingException e = assertTimeoutPreemptively(FAST, () -> assertThrows(FramingException.class, reader::read));
        assertTrue(e.getMessage().contains("8192"), e.getMessage());
    }

    @Test
    void refusesTooManyHeaderLines() {
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            header.append("X-Filler-").append(i).append(": some value\r\n");
        }
        InputStream in = new SequenceInputStream(new ByteArrayInputStream(utf8(header.toString())),
                new ByteArrayInputStream(utf8("Content-Length: 2\r\n\r\n{}")));
        assertThrows(FramingException.class, () -> new FrameReader(in, WireLimits.defaults()).read());
    }

    @Test
    void refusesMalformedHeaders() {
        assertThrows(FramingException.class, () -> reader("Content-Length: -1\r\n\r\n").read());
        assertThrows(FramingException.class, () -> reader("Content-Length: 0x10\r\n\r\n").read());
        assertThrows(FramingException.class, () -> reader("Content-Type: application/json\r\n\r\n{}").read());
        assertThrows(FramingException.class, () -> reader("{\"jsonrpc\":\"2.0\"}\r\n\r\n").read());
        assertThrows(FramingException.class, () -> reader("Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}").read());
        assertThrows(FramingException.class,
                () -> reader("Content-Length: 2\r\nContent-Type: application/json; charset=latin1\r\n\r\n{}").read());
    }

    @Test
    void honoursConfiguredLimits() throws IOException {
        WireLimits small = WireLimits.builder().maxFrameBytes(10).maxHeaderBytes(64).build();
        byte[] ok = new FrameReader(new ByteArrayInputStream(utf8("Content-Length: 10\r\n\r\n0123456789")), small).read();
        assertEquals(10, ok.length);
        assertThrows(FramingException.class,
                () -> new FrameReader(new ByteArrayInputStream(utf8("Content-Length: 11\r\n\r\n01234567890")), small).read());
        String longHeader = "Content-Length: 2\r\nX-Long: " + "y".repeat(60) + "\r\n\r\n{}";
        assertThrows(FramingException.class,
                () -> new FrameReader(new ByteArrayInputStream(utf8(longHeader)), small).read());
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
