package io.typedipc.runtime.transport.spi;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Two linked ends in one JVM. Frames are still whole encoded JSON messages, so two contexts in one process behave
 * exactly as they do across processes; a sent frame is handed straight to the other end's listener on the sender's
 * thread (the runtime only decodes the envelope there and queues the rest to the receiving context).
 */
public final class InProcessLink implements Link {
    private final String name;
    private InProcessLink peer;
    private Listener listener;
    private List<byte[]> early = new ArrayList<>();
    private boolean closed;

    private InProcessLink(String name) {
        this.name = name;
    }

    /** Creates two connected ends: what one sends, the other receives. */
    public static InProcessLink[] pair(String name) {
        InProcessLink a = new InProcessLink(name + " (a)");
        InProcessLink b = new InProcessLink(name + " (b)");
        a.peer = b;
        b.peer = a;
        return new InProcessLink[] {a, b};
    }

    @Override
    public void start(Listener listener) {
        // Hand over the early frames in batches outside the lock (a listener may send, and two ends sending to each
        // other under their locks would deadlock); the listener is set only once no early frame is left, so frames
        // keep their order.
        boolean closedBeforeStart;
        while (true) {
            List<byte[]> batch;
            synchronized (this) {
                if (this.listener != null || early == null) {
                    throw new IllegalStateException("link already started");
                }
                if (early.isEmpty()) {
                    early = null;
                    this.listener = listener;
                    closedBeforeStart = closed;
                    break;
                }
                batch = early;
                early = new ArrayList<>();
            }
            batch.forEach(listener::onFrame);
        }
        if (closedBeforeStart) {
            listener.onClose(null);
        }
    }

    @Override
    public void send(byte[] frame) throws IOException {
        if (isClosed()) {
            throw new IOException("in-process link " + name + " is closed");
        }
        peer.deliver(frame);
    }

    private void deliver(byte[] frame) throws IOException {
        Listener target;
        synchronized (this) {
            if (closed) {
                throw new IOException("in-process link " + name + " is closed");
            }
            if (listener == null) {
                early.add(frame);
                return;
            }
            target = listener;
        }
        target.onFrame(frame);
    }

    @Override
    public void close() {
        closeEnd();
        peer.closeEnd();
    }

    private void closeEnd() {
        Listener toNotify;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toNotify = listener;
        }
        if (toNotify != null) {
            toNotify.onClose(null);
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public String describe() {
        return "in-process " + name;
    }
}
