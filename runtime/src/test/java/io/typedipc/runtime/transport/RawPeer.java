package io.typedipc.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.typedipc.runtime.WireLimits;
import io.typedipc.runtime.internal.wire.FrameReader;
import java.io.Closeable;
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
 * reader thread, so that a test can wait for a frame with a generous deadline instead of blocking forever. The
 * transport tests use it over pipes; the reliability suite's {@code RawClient} over a TCP socket.
 */
public final class RawPeer implements AutoCloseable {
    /** The transport tests' wait for a frame. */
    public static final long WAIT_SECONDS = 30;
    public static final JsonMapper JSON = JsonMapper.builder().build();
    /** What the queue holds once the stream has ended. */
    private static final JsonNode END = JSON.getNodeFactory().stringNode("<end of stream>");

    private final InputStream in;
    private final OutputStream out;
    private final Closeable resource;
    private final long waitSeconds;
    private final LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final Thread reader = new Thread(this::readLoop, "raw-peer-reader");

    RawPeer(InputStream in, OutputStream out) {
        this(in, out, out, WAIT_SECONDS);
    }

    /**
     * @param resource what {@link #close()} closes (the output stream, or a socket)
     * @param waitSeconds how long {@link #next()} and {@link #awaitEnd()} wait
     */
    public RawPeer(InputStream in, OutputStream out, Closeable resource, long waitSeconds) {
        this(in, out, resource, waitSeconds, true);
    }

    /**
     * @param readNow whether to start reading at once; if not, nothing is read until {@link #startReading()}, so
     *     what the other side sends piles up in the socket and then in the other side's own outgoing queue
     */
    public RawPeer(InputStream in, OutputStream out, Closeable resource, long waitSeconds, boolean readNow) {
        this.in = in;
        this.out = out;
        this.resource = resource;
        this.waitSeconds = waitSeconds;
        reader.setDaemon(true);
        if (readNow) {
            reader.start();
        }
    }

    /** Starts reading, for a peer made with {@code readNow} false. */
    public void startReading() {
        reader.start();
    }

    private void readLoop() {
        FrameReader frames = new FrameReader(in, WireLimits.DEFAULT_MAX_FRAME_BYTES, WireLimits.DEFAULT_MAX_HEADER_BYTES);
        try {
            byte[] frame;
            while ((frame = frames.read()) != null) {
                received.add(JSON.readTree(frame));
            }
        } catch (IOException | RuntimeException e) {
            // a reset connection is the end of the stream, for a test's purposes
        }
        received.add(END);
    }

    /** Writes {@code json} as one framed message (UTF-8). */
    public void send(String json) throws IOException {
        sendBody(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code body} as one framed message, bytes as they are, in one write. */
    public void sendBody(byte[] body) throws IOException {
        byte[] header = ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[header.length + body.length];
        System.arraycopy(header, 0, frame, 0, header.length);
        System.arraycopy(body, 0, frame, header.length, body.length);
        writeRaw(frame);
    }

    public synchronized void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next frame; fails the test if none comes within the wait or the stream ended. */
    public JsonNode next() throws InterruptedException {
        JsonNode node = received.poll(waitSeconds, TimeUnit.SECONDS);
        assertNotNull(node, "no frame within " + waitSeconds + " s");
        if (node == END) {
            throw new AssertionError("the stream ended instead of a frame");
        }
        return node;
    }

    /** The next frame if one comes within {@code millis}, else {@code null}; fails if the stream ended. */
    public JsonNode poll(long millis) throws InterruptedException {
        JsonNode node = received.poll(millis, TimeUnit.MILLISECONDS);
        if (node == END) {
            throw new AssertionError("the stream ended instead of a frame");
        }
        return node;
    }

    /** Whether the stream ends (after any frames still to come, which are skipped) within the wait. */
    public boolean awaitEnd() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
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
        resource.close();
    }
}
