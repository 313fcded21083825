package io.typedipc.runtime.reliability;

import io.typedipc.runtime.transport.spi.Link;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * A link whose other end is the test itself, frame by frame: what the runtime sends is queued for the test to read
 * ({@link #next()}); {@link #deliver} hands the runtime a frame as the peer would; {@link #whileClosing} is what the
 * peer's frames are between the runtime's {@code close()} and the report of it, a window every real link has (a
 * reader thread still running, a close handshake on the way).
 */
final class ScriptedLink implements Link {
    private final LinkedBlockingQueue<String> sent = new LinkedBlockingQueue<>();
    private volatile Listener listener;
    private volatile boolean closed;
    private volatile String[] whileClosing = {};

    @Override
    public void start(Listener listener) {
        this.listener = listener;
    }

    @Override
    public void send(byte[] frame) throws IOException {
        if (closed) {
            throw new IOException(describe() + " is closed");
        }
        sent.add(new String(frame, StandardCharsets.UTF_8));
    }

    /** The next frame the runtime sent, as a JSON tree (30 s at most). */
    JsonNode next() throws InterruptedException {
        String frame = sent.poll(30, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("the runtime sent nothing within 30 s");
        }
        return RawClient.JSON.readTree(frame);
    }

    /** Hands the runtime one frame from the peer, on the calling thread (as a link's reader thread would). */
    void deliver(String json) {
        deliver(json.getBytes(StandardCharsets.UTF_8));
    }

    /** As {@link #deliver(String)}, with the very array the runtime gets. */
    void deliver(byte[] frame) {
        listener.onFrame(frame);
    }

    /** Frames the peer gets to the runtime after the runtime closed this link and before the link reports it. */
    void whileClosing(String... frames) {
        this.whileClosing = frames;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (String frame : whileClosing) {
            deliver(frame);
        }
        listener.onClose(null);
    }

    @Override
    public String describe() {
        return "scripted link";
    }
}
