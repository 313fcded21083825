package io.typedipc.runtime.transport;

import io.typedipc.runtime.wire.FrameReader;
import io.typedipc.runtime.wire.FrameWriter;
import io.typedipc.runtime.wire.FramingException;
import io.typedipc.runtime.wire.WireFormat;
import io.typedipc.runtime.wire.WireLimits;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Link} over a pair of byte streams (a child's stdin/stdout, a socket, a pipe), framed as in the Language
 * Server Protocol's base protocol ({@link FrameReader}, {@link FrameWriter}).
 *
 * <ul>
 *   <li>One daemon reader thread ({@code typed-ipc-reader <description>}) reads frames and hands them to the
 *       listener; one daemon writer thread ({@code typed-ipc-writer <description>}) writes queued frames.
 *   <li>{@link #send} is thread-safe and does not wait for the peer to read: it queues the frame. The queue is
 *       bounded by {@link WireLimits#maxQueuedOutgoingBytes()}. When it is full the sender <em>blocks</em> until the
 *       writer has made room (backpressure); if no room is made within {@link WireLimits#sendStallTimeout()} the peer
 *       is taken to be stalled: the link closes with an {@link IOException} as its cause and the send fails. Nothing is
 *       ever dropped silently. A frame over {@link WireLimits#maxFrameBytes()} is refused with an {@link IOException}
 *       and not sent (the peer would have to refuse it); the link stays open.
 *   <li>The end of the input stream closes the link with a {@code null} cause, a read or write error with the error as
 *       its cause. A broken frame header or a frame over the size limit (framing is lost) is answered with one JSON-RPC
 *       error reply (id {@code null}) and closes the link with the {@link FramingException} as its cause.
 *   <li>{@link #close()} is orderly: the listener is told at once, frames already queued are still written, then the
 *       output, the input and the optional resource are closed (forcibly after the stall timeout if the peer does not
 *       read).
 * </ul>
 */
public final class StreamLink implements Link {
    private static final System.Logger LOG = System.getLogger(StreamLink.class.getName());

    private final InputStream in;
    private final OutputStream out;
    private final Closeable resource;
    private final String description;
    private final WireLimits limits;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean closing;
    private Throwable closeCause;
    private Listener listener;
    private boolean writerRunning;
    private volatile Thread writerThread;

    private final AtomicBoolean closeFired = new AtomicBoolean();
    private final AtomicBoolean resourcesClosed = new AtomicBoolean();

    /** A link over {@code in} and {@code out} with {@link WireLimits#defaults()}. */
    public StreamLink(InputStream in, OutputStream out, String description) {
        this(in, out, null, description, WireLimits.defaults());
    }

    /**
     * A link over {@code in} and {@code out}.
     *
     * @param resource closed last when the link closes (a socket channel, a process wrapper), or {@code null}
     * @param description for thread names, logs and errors, such as {@code "stdio pid 4242"}
     */
    public StreamLink(InputStream in, OutputStream out, Closeable resource, String description, WireLimits limits) {
        this.in = Objects.requireNonNull(in, "in");
        this.out = Objects.requireNonNull(out, "out");
        this.resource = resource;
        this.description = Objects.requireNonNull(description, "description");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public void start(Listener listener) {
        Objects.requireNonNull(listener, "listener");
        Throwable closedWith;
        boolean closedBefore;
        lock.lock();
        try {
            if (this.listener != null) {
                throw new IllegalStateException("link already started: " + description);
            }
            this.listener = listener;
            closedBefore = closing;
            closedWith = closeCause;
            if (!closedBefore) {
                writerRunning = true;
            }
        } finally {
            lock.unlock();
        }
        if (closedBefore) {
            fireClose(closedWith);
            return;
        }
        Thread writer = daemon("typed-ipc-writer " + description, this::writeLoop);
        writerThread = writer;
        writer.start();
        daemon("typed-ipc-reader " + description, this::readLoop).start();
    }

    @Override
    public boolean offer(byte[] frame) throws IOException {
        checkSize(frame);
        lock.lock();
        try {
            if (closing) {
                throw new IOException("the link " + description + " is closed");
            }
            if (queuedBytes + frame.length > limits.maxQueuedOutgoingBytes()) {
                return false;
            }
            queue.addLast(frame);
            queuedBytes += frame.length;
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void checkSize(byte[] frame) throws IOException {
        if (frame.length > limits.maxFrameBytes()) {
            throw new IOException("a message of " + frame.length + " bytes is over the limit of "
                    + limits.maxFrameBytes() + " bytes; not sent on " + description);
        }
    }

    @Override
    public void send(byte[] frame) throws IOException {
        checkSize(frame);
        long stallNanos = limits.sendStallTimeout().toNanos();
        lock.lock();
        try {
            long deadline = System.nanoTime() + stallNanos;
            while (!closing && queuedBytes + frame.length > limits.maxQueuedOutgoingBytes()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    notFull.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting to send on " + description);
                }
            }
            if (closing) {
                throw new IOException("the link " + description + " is closed");
            }
            if (queuedBytes + frame.length <= limits.maxQueuedOutgoingBytes()) {
                queue.addLast(frame);
                queuedBytes += frame.length;
                notEmpty.signal();
                return;
            }
        } finally {
            lock.unlock();
        }
        IOException stalled = new IOException("the peer on " + description + " has read nothing for "
                + TimeUnit.NANOSECONDS.toMillis(stallNanos) + " ms with " + queuedBytes()
                + " bytes waiting; the link is closed");
        shutdown(stalled);
        closeResources();
        throw stalled;
    }

    /** The bytes queued for the writer and not yet taken by it. */
    public long queuedBytes() {
        lock.lock();
        try {
            return queuedBytes;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        shutdown(null);
    }

    /**
     * Closes the link and waits until the frames already queued have been written, or {@code deadlineNanos}
     * ({@link System#nanoTime()} based) has passed: for a process about to exit ({@link ExitFlush}).
     *
     * @return whether everything queued was written
     */
    boolean closeAndAwaitWritten(long deadlineNanos) throws InterruptedException {
        close();
        Thread writer = writerThread;
        if (writer != null) {
            long millis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            if (millis > 0) {
                writer.join(millis);
            }
        }
        return writer == null || !writer.isAlive();
    }

    @Override
    public String describe() {
        return description;
    }

    // --------------------------------------------------------------------------------------------------- threads

    private void readLoop() {
        FrameReader reader = new FrameReader(in, limits);
        try {
            while (true) {
                byte[] frame = reader.read();
                if (frame == null) {
                    LOG.log(Level.DEBUG, () -> "end of stream on " + description);
                    shutdown(null);
                    return;
                }
                listener.onFrame(frame);
            }
        } catch (FramingException e) {
            LOG.log(Level.WARNING, () -> "closing " + description + ": " + e.getMessage());
            enqueueLast(WireFormat.transportError(null, e.code(), e.getMessage()));
            shutdown(e);
        } catch (IOException e) {
            shutdown(isClosing() ? null : e);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "the listener of " + description + " failed; closing the link", e);
            shutdown(e);
        }
    }

    private void writeLoop() {
        FrameWriter writer = new FrameWriter(new BufferedOutputStream(out, 64 * 1024));
        try {
            while (true) {
                byte[] frame;
                boolean more;
                lock.lock();
                try {
                    while (queue.isEmpty() && !closing) {
                        notEmpty.awaitUninterruptibly();
                    }
                    frame = queue.pollFirst();
                    if (frame == null) {
                        break;
                    }
                    queuedBytes -= frame.length;
                    notFull.signalAll();
                    more = !queue.isEmpty();
                } finally {
                    lock.unlock();
                }
                writer.write(frame);
                if (!more) {
                    writer.flush();
                }
            }
            writer.flush();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "write failed on " + description + ": " + e);
            shutdown(e);
        } finally {
            lock.lock();
            try {
                writerRunning = false;
                queue.clear();
                queuedBytes = 0;
                notFull.signalAll();
            } finally {
                lock.unlock();
            }
            closeResources();
            ExitFlush.forget(this);
        }
    }

    // -------------------------------------------------------------------------------------------------- closing

    /** Queues a last frame even though the link is about to close (the error reply to broken framing). */
    private void enqueueLast(byte[] frame) {
        lock.lock();
        try {
            if (!closing) {
                queue.addLast(frame);
                queuedBytes += frame.length;
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops accepting frames, lets the writer drain, and tells the listener once. */
    private void shutdown(Throwable cause) {
        boolean writer;
        lock.lock();
        try {
            if (!closing) {
                closing = true;
                closeCause = cause;
                notEmpty.signalAll();
                notFull.signalAll();
            }
            writer = writerRunning;
        } finally {
            lock.unlock();
        }
        if (writer) {
            // The writer drains and closes the streams; if the peer does not read, force it after the stall timeout.
            LinkTimer.schedule(this::closeResources, limits.sendStallTimeout());
        } else {
            closeResources();
        }
        fireClose(cause);
    }

    private boolean isClosing() {
        lock.lock();
        try {
            return closing;
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
            target.onClose(cause);
        }
    }

    private void closeResources() {
        if (!resourcesClosed.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(out);
        closeQuietly(in);
        closeQuietly(resource);
    }

    private void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "closing " + description + ": " + e);
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public String toString() {
        return "StreamLink " + description;
    }
}
