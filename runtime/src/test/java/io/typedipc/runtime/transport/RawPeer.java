package io.typedipc.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.typedipc.runtime.wire.FrameReader;
import io.typedipc.runtime.wire.WireLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A peer that speaks raw bytes: it writes whatever a test gives it and reads back frames as JSON trees, on its own
 * reader thread, so that a test can wait for a frame with a generous deadline instead of blocking forever.
 */
final class RawPeer implements AutoCloseable {
    static final long WAIT_SECONDS = 30;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** What the queue holds once the stream has ended. */
    private static final JsonNode END = JSON.getNodeFactory().stringNode("<end of stream>");

    private final InputStream in;
    private final OutputStream out;
    private final LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();

    RawPeer(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
        Thread reader = new Thread(this::readLoop, "raw-peer-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop() {
        FrameReader frames = new FrameReader(in, WireLimits.defaults());
        try {
            byte[] frame;
            while ((frame = frames.read()) != null) {
                received.add(JSON.readTree(frame));
            }
        } catch (IOException | RuntimeException e) {
            // the end of the stream, for a test's purposes
        }
        received.add(END);
    }

    /** Writes {@code json} as one framed message. */
    void send(String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        writeRaw(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        writeRaw(body);
    }

    void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next frame; fails the test if none comes within {@link #WAIT_SECONDS} or the stream ended. */
    JsonNode next() throws InterruptedException {
        JsonNode node = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(node, "no frame within " + WAIT_SECONDS + " s");
        if (node == END) {
            throw new AssertionError("the stream ended instead of a frame");
        }
        return node;
    }

    /** Whether the stream ends (after any frames still to come, which are skipped) within the deadline. */
    boolean awaitEnd() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            JsonNode node = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (node == null) {
                return false;
            }
            if (node == END) {
                return true;
            }
        }
    }

    static JsonNode tree(String json) {
        return JSON.readTree(json);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
