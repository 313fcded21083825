package io.typedipc.runtime.transport;

import io.typedipc.runtime.WireLimits;
import io.typedipc.runtime.internal.wire.FrameReader;
import io.typedipc.runtime.internal.wire.FrameWriter;
import io.typedipc.runtime.internal.wire.FramingException;
import io.typedipc.runtime.internal.wire.WireFormat;
import io.typedipc.runtime.transport.spi.Link;
import io.typedipc.runtime.transport.spi.OutgoingBudget;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
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
 *       listener; one daemon writer thread ({@code typed-ipc-writer <description>}) writes queued frames: every frame
 *       queued when it wakes, with one flush.
 *   <li>Writer combining: a {@link #send} or {@link #offer} that finds the link idle (nothing queued, nobody
 *       writing) writes its frame itself, on the calling thread, instead of waking the writer thread; frames sent
 *       meanwhile are queued and the writer thread drains them, so frames still go out in the order sent.
 *       <ul>
 *         <li>On sockets ({@link SocketStreams}) the channel is in non-blocking mode once the link starts: such a
 *             write takes what the OS accepts at once and never waits; what it does not take is handed to the
 *             writer thread (counted in the bounded queue). So {@code offer} still never waits, and a dispatch
 *             thread can write its own replies. The writer thread waits for the socket to take more, and closes
 *             the link with the stall error below if it takes nothing for {@link WireLimits#sendStallTimeout()}.
 *         <li>On pipes a write may block in the OS, and closing a pipe does not release it. The process's own
 *             stdio ({@link StdioTransport}, whose one peer is main) writes {@code send} and {@code offer} frames on
 *             the calling thread; a child's pipes in main ({@link ChildProcessTransport}) only {@code send} frames:
 *             main's replies serve every renderer and always queue. A caller writes its own frame only while the
 *             bytes written since the peer last sent something stay within a quarter of a pipe's buffer, and the
 *             writer thread watches the write: if it has not completed within the stall timeout, the link is
 *             closed with the stall error, and a child process that stopped reading is ended, which releases the
 *             write. A process whose main stops reading its stdout (and does not exit) keeps the writing thread
 *             blocked until main reads or exits; the link is closed at the stall timeout all the same.
 *         <li>Other streams (this class's public constructors) queue every frame.
 *       </ul>
 *       A caller whose thread is interrupted queues its frame (an interrupt during a channel write would close the
 *       channel); an application that interrupts a thread while it is inside {@code send} may close the link.
 *   <li>{@link #send} is thread-safe and does not wait for the peer to read: it queues the frame (or, as above,
 *       writes it to a socket that accepts it at once). The queue is
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
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    /**
     * The bound on {@link #queue} plus {@link #unsent} (a caller's own frame is not counted while it writes it), the
     * senders waiting for room, and whether the link is closing; under {@link #lock}.
     */
    private final OutgoingBudget budget;
    private Throwable closeCause;
    private Listener listener;
    private boolean writerRunning;
    private volatile Thread writerThread;
    /** Which frames a caller may write itself when the link is idle (see the class comment). */
    private final OwnWrites ownWrites;
    /** The socket's output, when the link is over a socket: written without waiting. */
    private final SocketStreams.ChannelOutput socket;
    /** The output, used by one thread at a time: the one that set {@link #writing}. */
    private final BufferedOutputStream buffered;
    private final FrameWriter frames;
    /**
     * A caller's own write to a socket, reused by the thread that set {@link #writing}: header and body copied into
     * one buffer when they fit (no wrapper per frame), else the header and the body in one gathering write.
     */
    private final byte[] header = FrameWriter.newHeaderArray();
    private final ByteBuffer headerBuffer = ByteBuffer.wrap(header);
    private final ByteBuffer[] gather = new ByteBuffer[2];
    private final ByteBuffer small = ByteBuffer.allocate(4 * 1024);
    /** What a caller's own write to a socket left unwritten: the writer thread writes it before any queued frame. */
    private byte[] unsent;
    /** Run when the writer thread ends a caller's stalled write on a pipe (ends a child process that stopped reading). */
    private volatile Runnable onWriteStall;
    /** Someone (the writer thread or a caller) is writing to {@link #frames}. */
    private boolean writing;
    /** A caller is writing its own frame, since {@link #callerWriteStarted} ({@link System#nanoTime()}). */
    private boolean callerWriting;
    private long callerWriteStarted;
    /** Set by the writer thread when it closed the link because a caller's write had stalled. */
    private IOException callerStall;
    /**
     * On pipes, callers write their own frames only while the bytes written since the last frame received stay within
     * this budget, a quarter of a pipe's buffer: a peer that answers is reading, and a peer that has been silent for
     * a budget's worth of bytes may have stopped, so further frames take the queue (where backpressure waits on a
     * condition, with the stall timeout) instead of risking a caller blocked inside the OS.
     */
    private final long callerWriteBudget;
    private long bytesSinceLastReceived;
    /** Frames received, counted by the reader thread; compared with {@link #receivedSeen} under the lock. */
    private volatile long received;
    private long receivedSeen;

    private final AtomicBoolean closeFired = new AtomicBoolean();
    private final AtomicBoolean resourcesClosed = new AtomicBoolean();
    /**
     * The forced close after the stall timeout, scheduled when the link shuts down with its writer still draining;
     * cancelled as soon as the resources close, because the timer's queue would otherwise hold this closed link (its
     * buffers, threads and listener, so main's whole connection) for the stall timeout: with renderers coming and
     * going, thousands of dead connections.
     */
    private volatile ScheduledFuture<?> forcedClose;

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
        this(in, out, resource, description, limits, OwnWrites.NONE);
    }

    /** Which frames a caller writes itself, on a stream that is not a socket (sockets always allow both). */
    enum OwnWrites {
        /** Every frame is queued for the writer thread. */
        NONE,
        /** {@link #send} frames; {@link #offer} frames (replies) are queued. */
        SENT,
        /** {@link #send} and {@link #offer} frames. */
        ALL
    }

    StreamLink(InputStream in, OutputStream out, Closeable resource, String description, WireLimits limits,
            OwnWrites pipeWrites) {
        this.in = Objects.requireNonNull(in, "in");
        this.out = Objects.requireNonNull(out, "out");
        this.resource = resource;
        this.description = Objects.requireNonNull(description, "description");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.budget = new OutgoingBudget(lock, description, limits.maxFrameBytes(), limits.maxQueuedOutgoingBytes(),
                limits.sendStallTimeout());
        this.socket = out instanceof SocketStreams.ChannelOutput channel ? channel : null;
        this.ownWrites = socket != null ? OwnWrites.ALL : Objects.requireNonNull(pipeWrites, "pipeWrites");
        this.callerWriteBudget = PIPE_BUFFER_BYTES / 4;
        this.buffered = new BufferedOutputStream(out, 64 * 1024);
        this.frames = new FrameWriter(buffered);
    }

    /** Linux's default pipe buffer: 16 pages. */
    private static final int PIPE_BUFFER_BYTES = 64 * 1024;

    /** Runs {@code action} if the writer thread ends a caller's write on a pipe that stalled (see the class comment). */
    void onWriteStall(Runnable action) {
        this.onWriteStall = action;
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
            closedBefore = budget.isClosed();
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
        if (socket != null) {
            try {
                socket.startNonBlocking(limits.sendStallTimeout());
            } catch (IOException e) {
                lock.lock();
                try {
                    writerRunning = false;
                } finally {
                    lock.unlock();
                }
                shutdown(e);
                return;
            }
        }
        Thread writer = daemon("typed-ipc-writer " + description, this::writeLoop);
        writerThread = writer;
        writer.start();
        daemon("typed-ipc-reader " + description, this::readLoop).start();
    }

    @Override
    public boolean offer(byte[] frame) throws IOException {
        budget.checkFrame(frame);
        lock.lock();
        try {
            if (!budget.hasRoomNow(frame.length)) {
                return false;
            }
            if (!claimOwnWrite(frame.length, ownWrites == OwnWrites.ALL)) {
                queue.addLast(frame);
                budget.add(frame.length);
                notEmpty.signal();
                return true;
            }
        } finally {
            lock.unlock();
        }
        writeOwnFrame(frame);
        return true;
    }

    @Override
    public void send(byte[] frame) throws IOException {
        budget.checkFrame(frame);
        IOException stalled = null;
        boolean writeHere = false;
        lock.lock();
        try {
            if (!budget.awaitRoom(frame.length)) {
                stalled = budget.stallError("peer");
            } else if (claimOwnWrite(frame.length, ownWrites != OwnWrites.NONE)) {
                writeHere = true;
            } else {
                queue.addLast(frame);
                budget.add(frame.length);
                notEmpty.signal();
                return;
            }
        } finally {
            lock.unlock();
        }
        if (writeHere) {
            writeOwnFrame(frame);
            return;
        }
        shutdown(stalled);
        closeResources();
        throw stalled;
    }

    /**
     * Takes the output for the calling thread if it may write its own frame of {@code length} bytes now (called with
     * the lock held): the link is idle, and on a pipe the frame fits the budget; the writer thread then watches it.
     */
    private boolean claimOwnWrite(int length, boolean allowed) {
        if (!allowed || !writerRunning || writing || !queue.isEmpty() || unsent != null
                || Thread.currentThread().isInterrupted()) {
            return false;
        }
        if (socket == null) {
            long frames = received;
            if (frames != receivedSeen) {
                receivedSeen = frames;
                bytesSinceLastReceived = 0;
            }
            if (bytesSinceLastReceived + length > callerWriteBudget) {
                return false;
            }
            bytesSinceLastReceived += length;
            callerWriting = true;
            callerWriteStarted = System.nanoTime();
        }
        writing = true;
        return true;
    }

    /**
     * Writes a frame on the calling thread, which owns the output (it set {@link #writing}); then hands the output
     * back, waking the writer thread if frames were queued meanwhile (or the link is closing and waits for this).
     */
    private void writeOwnFrame(byte[] frame) throws IOException {
        IOException failure = null;
        IOException stall;
        boolean closed;
        byte[] rest = null;
        try {
            if (socket != null) {
                rest = writeNow(frame);
            } else {
                frames.write(frame);
                frames.flush();
            }
        } catch (IOException e) {
            failure = e;
        } finally {
            lock.lock();
            try {
                writing = false;
                callerWriting = false;
                stall = callerStall;
                closed = budget.isClosed();
                if (rest != null && failure == null) { // written by the writer thread, also when closing
                    unsent = rest;
                    budget.add(rest.length);
                }
                if (!queue.isEmpty() || unsent != null || closed) {
                    notEmpty.signal();
                }
            } finally {
                lock.unlock();
            }
        }
        if (stall != null) {
            throw stall;
        }
        if (failure != null) {
            IOException failed = failure;
            LOG.log(Level.DEBUG, () -> "write failed on " + description + ": " + failed);
            shutdown(closed ? null : failure);
            throw closed ? new IOException("the link " + description + " is closed", failure) : failure;
        }
    }

    /**
     * Writes a frame to the socket without waiting; returns what the OS did not take (to be written by the writer
     * thread before anything else), or {@code null} when it took everything.
     */
    private byte[] writeNow(byte[] frame) throws IOException {
        int headerLength = FrameWriter.encodeHeader(header, frame.length);
        if (headerLength + frame.length <= small.capacity()) {
            small.clear();
            small.put(header, 0, headerLength).put(frame).flip();
            if (socket.writeNow(small)) {
                return null;
            }
            byte[] rest = new byte[small.remaining()];
            small.get(rest);
            return rest;
        }
        headerBuffer.clear().limit(headerLength);
        ByteBuffer body = ByteBuffer.wrap(frame);
        gather[0] = headerBuffer;
        gather[1] = body;
        try {
            if (socket.writeNow(gather)) {
                return null;
            }
        } finally {
            gather[1] = null;
        }
        byte[] rest = new byte[headerBuffer.remaining() + body.remaining()];
        int headerLeft = headerBuffer.remaining();
        headerBuffer.get(rest, 0, headerLeft);
        body.get(rest, headerLeft, body.remaining());
        return rest;
    }

    /** The bytes queued for the writer and not yet taken by it. */
    public long queuedBytes() {
        lock.lock();
        try {
            return budget.bytes();
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
        FrameReader reader = FrameReader.readingAhead(in, limits.maxFrameBytes(), limits.maxHeaderBytes());
        try {
            while (true) {
                byte[] frame = reader.read();
                if (frame == null) {
                    LOG.log(Level.DEBUG, () -> "end of stream on " + description);
                    shutdown(null);
                    return;
                }
                received++; // only this thread writes it
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
        long stallNanos = limits.sendStallTimeout().toNanos();
        List<byte[]> batch = new ArrayList<>();
        IOException stalled = null;
        boolean wroteBatch = false;
        byte[] raw = null;
        try {
            while (true) {
                lock.lock();
                try {
                    if (wroteBatch) {
                        writing = false;
                        wroteBatch = false;
                    }
                    while (true) {
                        if (callerWriting) {
                            // Watch the caller's own write; nobody else may write until it is done.
                            long left = callerWriteStarted + stallNanos - System.nanoTime();
                            if (left <= 0) {
                                stalled = new IOException("the peer on " + description + " has read nothing for "
                                        + TimeUnit.NANOSECONDS.toMillis(stallNanos) + " ms while a frame was being "
                                        + "written; the link is closed");
                                callerStall = stalled;
                                break;
                            }
                            awaitNotEmpty(left);
                        } else if (writing) {
                            // A caller's write to a socket, which never waits: it signals when it is done.
                            awaitNotEmpty(stallNanos);
                        } else if (!queue.isEmpty() || unsent != null || budget.isClosed()) {
                            break;
                        } else {
                            // Idle: wake at least once per stall timeout, so a caller's write that starts now is
                            // watched from its start to its deadline.
                            awaitNotEmpty(stallNanos);
                        }
                    }
                    if (stalled != null || (queue.isEmpty() && unsent == null)) {
                        break; // stalled, or closing with nothing left to write
                    }
                    long bytes = 0;
                    raw = unsent;
                    if (raw != null) {
                        unsent = null;
                        bytes += raw.length;
                    }
                    for (byte[] frame; (frame = queue.pollFirst()) != null; ) {
                        batch.add(frame);
                        bytes += frame.length;
                    }
                    budget.release(bytes);
                    bytesSinceLastReceived += bytes;
                    writing = true;
                    wroteBatch = true;
                } finally {
                    lock.unlock();
                }
                if (raw != null) {
                    buffered.write(raw); // the rest of a caller's frame, already framed
                    raw = null;
                }
                for (byte[] frame : batch) {
                    frames.write(frame);
                }
                batch.clear();
                frames.flush();
            }
            if (stalled == null) {
                frames.flush();
            }
        } catch (SocketStreams.StallException e) {
            IOException socketStall = new IOException("the peer on " + description + " " + e.getMessage()
                    + "; the link is closed", e);
            LOG.log(Level.DEBUG, () -> socketStall.getMessage());
            shutdown(socketStall);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "write failed on " + description + ": " + e);
            shutdown(e);
        } finally {
            if (stalled != null) {
                // Tell the listener before the streams close: the reader's failing read must not report first.
                shutdown(stalled);
                Runnable action = onWriteStall;
                if (action != null) {
                    action.run();
                }
            }
            lock.lock();
            try {
                writerRunning = false;
                queue.clear();
                unsent = null;
                budget.releaseAll();
            } finally {
                lock.unlock();
            }
            closeResources();
            ExitFlush.forget(this);
        }
    }

    /** Waits on {@link #notEmpty} for at most {@code nanos}. */
    private void awaitNotEmpty(long nanos) {
        try {
            notEmpty.awaitNanos(nanos);
        } catch (InterruptedException e) {
            // Nobody interrupts the link's own writer thread; if something does, the loop just looks again.
        }
    }

    // -------------------------------------------------------------------------------------------------- closing

    /** Queues a last frame even though the link is about to close (the error reply to broken framing). */
    private void enqueueLast(byte[] frame) {
        lock.lock();
        try {
            if (!budget.isClosed()) {
                queue.addLast(frame);
                budget.add(frame.length);
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops accepting frames, lets the writer drain, and tells the listener once. */
    private void shutdown(Throwable cause) {
        boolean first = false;
        boolean writer;
        lock.lock();
        try {
            if (budget.close()) { // wakes the senders waiting for room, which fail
                closeCause = cause;
                notEmpty.signalAll();
                first = true;
            }
            writer = writerRunning;
        } finally {
            lock.unlock();
        }
        if (writer) {
            if (first) {
                // The writer drains and closes the streams; if the peer does not read, force it after the stall
                // timeout. Resources that closed before the timer was stored here did not see it: cancel it now.
                ScheduledFuture<?> timer = LinkTimer.schedule(this::closeResources, limits.sendStallTimeout());
                forcedClose = timer;
                if (resourcesClosed.get()) {
                    timer.cancel(false);
                }
            }
        } else {
            closeResources();
        }
        fireClose(cause);
    }

    private boolean isClosing() {
        lock.lock();
        try {
            return budget.isClosed();
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
        ScheduledFuture<?> timer = forcedClose;
        if (timer != null) {
            timer.cancel(false);
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
