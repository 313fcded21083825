package io.typedipc.websocket;

import io.typedipc.runtime.WireLimits;
import io.typedipc.runtime.transport.spi.Link;
import io.typedipc.runtime.transport.spi.OutgoingBudget;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * A {@link Link} over one Jetty WebSocket session: one JSON-RPC message per text message.
 *
 * <ul>
 *   <li>Outgoing messages are handed to Jetty at once, in order; the bytes Jetty has not yet written count against
 *       {@link WireLimits#maxQueuedOutgoingBytes()} (the runtime's {@link OutgoingBudget}, as for the stream
 *       links). {@link #send} waits for room (backpressure) and closes the link
 *       as stalled after {@link WireLimits#sendStallTimeout()}; {@link #offer} returns {@code false} instead of
 *       waiting. A message over {@link WireLimits#maxFrameBytes()} is refused and the link stays open.</li>
 *   <li>Incoming messages are read one at a time: the next is demanded from Jetty only once the listener has taken
 *       the previous one, so a listener that waits (the runtime's incoming budget) stops reading from the socket.</li>
 *   <li>What is sent before {@link #start} (the handshake reply) waits and goes out first once the runtime has
 *       attached the link.</li>
 * </ul>
 */
final class WebSocketLink implements Link {
    private static final System.Logger LOG = System.getLogger(WebSocketLink.class.getName());

    private final Session session;
    private final String description;
    private final ReentrantLock lock = new ReentrantLock();
    /** The bytes handed to Jetty and not yet written, the senders waiting for room, and closing; under {@link #lock}. */
    private final OutgoingBudget budget;
    private Listener listener;
    private List<byte[]> beforeStart = new ArrayList<>();
    private final AtomicBoolean closeFired = new AtomicBoolean();

    WebSocketLink(Session session, String description, WireLimits limits) {
        this.session = session;
        this.description = description;
        this.budget = new OutgoingBudget(lock, description, limits.maxFrameBytes(), limits.maxQueuedOutgoingBytes(),
                limits.sendStallTimeout());
    }

    @Override
    public void start(Listener listener) {
        Objects.requireNonNull(listener, "listener");
        List<byte[]> early;
        boolean closed;
        lock.lock();
        try {
            if (this.listener != null) {
                throw new IllegalStateException("link already started: " + description);
            }
            this.listener = listener;
            early = beforeStart;
            beforeStart = null;
            closed = budget.isClosed();
            if (!closed) {
                for (byte[] frame : early) {
                    write(frame);
                }
            }
        } finally {
            lock.unlock();
        }
        if (closed) {
            fireClose(null);
        } else {
            session.demand();
        }
    }

    /** A text message from the peer; the next one is demanded once the listener has it. */
    void deliver(String text) {
        Listener target;
        lock.lock();
        try {
            target = listener;
        } finally {
            lock.unlock();
        }
        if (target == null || closeFired.get()) {
            return;
        }
        target.onFrame(text.getBytes(StandardCharsets.UTF_8));
        if (!closeFired.get()) {
            session.demand();
        }
    }

    @Override
    public void send(byte[] frame) throws IOException {
        budget.checkFrame(frame);
        IOException stalled;
        lock.lock();
        try {
            if (budget.awaitRoom(frame.length)) {
                enqueue(frame);
                return;
            }
            stalled = budget.stallError("page");
        } finally {
            lock.unlock();
        }
        closeWith(stalled, 1008, "stalled");
        throw stalled;
    }

    @Override
    public boolean offer(byte[] frame) throws IOException {
        budget.checkFrame(frame);
        lock.lock();
        try {
            if (!budget.hasRoomNow(frame.length)) {
                return false;
            }
            enqueue(frame);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock. */
    private void enqueue(byte[] frame) {
        budget.add(frame.length);
        if (beforeStart != null) {
            beforeStart.add(frame);
        } else {
            write(frame);
        }
    }

    /** Under the lock, so messages reach Jetty in the order they were queued. */
    private void write(byte[] frame) {
        int size = frame.length;
        session.sendText(new String(frame, StandardCharsets.UTF_8), Callback.from(() -> written(size), error -> {
            written(size);
            closeWith(error instanceof IOException io ? io : new IOException("write failed on " + description, error),
                    1011, "write failed");
        }));
    }

    private void written(int size) {
        lock.lock();
        try {
            budget.release(size);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        closeWith(null, 1000, "closed");
    }

    /** Closes the session (Jetty sends the close frame after what is queued) and tells the runtime at once. */
    void closeWith(Throwable cause, int status, String reason) {
        stopSending();
        if (session.isOpen()) {
            session.close(status, reason, Callback.NOOP);
        }
        fireClose(cause);
    }

    /** Jetty saw the session end (a close frame, a broken connection). */
    void closedByPeer(int status, String reason) {
        stopSending();
        boolean orderly = status == 1000 || status == 1001 || status == 1005;
        fireClose(orderly ? null : new IOException(description + " closed with status " + status
                + (reason == null || reason.isEmpty() ? "" : ": " + reason)));
    }

    /** Refuses further frames; the senders waiting for room fail. */
    private void stopSending() {
        lock.lock();
        try {
            budget.close();
        } finally {
            lock.unlock();
        }
    }

    private void fireClose(Throwable cause) {
        Listener target;
        lock.lock();
        try {
            target = listener;
        } finally {
            lock.unlock();
        }
        if (target != null && closeFired.compareAndSet(false, true)) {
            LOG.log(Level.DEBUG, () -> "closed " + description + (cause == null ? "" : ": " + cause));
            target.onClose(cause);
        }
    }

    @Override
    public String describe() {
        return description;
    }
}
