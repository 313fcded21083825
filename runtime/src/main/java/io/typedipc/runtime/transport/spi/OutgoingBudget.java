package io.typedipc.runtime.transport.spi;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bound on a link's outgoing queue: the bytes a {@link Link} has accepted to send and not yet written, at most
 * {@code maxQueuedBytes}, with backpressure for {@link Link#send} (wait for room, up to the stall timeout),
 * {@link Link#offer} (no room: {@code false} at once) and the closing of waiting senders. Every link of the runtime
 * that queues (the stream links of stdio, pipes and sockets, and {@code typed-ipc-websocket}'s link) keeps its
 * {@link Link} promises through it; a transport module reuses it the same way.
 *
 * <p>It holds counts, not frames: where the frames wait is the link's business (a queue its writer thread drains, or
 * a library's own send queue, as Jetty's). The link tells it what it took on ({@link #add}) and what has been written
 * or dropped ({@link #release}).
 *
 * <p><b>The link's lock.</b> It works under the link's own {@link ReentrantLock}, given to the constructor, so that
 * the link decides what to do with a frame (write it now, queue it, hand it on) in the same critical section as it
 * counts it, and a send costs one lock, not two. Every method except {@link #checkFrame} must be called with that
 * lock held (else {@link IllegalStateException}); {@link #awaitRoom} releases it while it waits, as
 * {@link Condition#await} does.
 *
 * <p>A typical {@code send}:
 * <pre>{@code
 * budget.checkFrame(frame);
 * IOException stalled;
 * lock.lock();
 * try {
 *     if (budget.awaitRoom(frame.length)) {
 *         budget.add(frame.length);
 *         queue.addLast(frame);                // or hand it to the library
 *         return;
 *     }
 *     stalled = budget.stallError("peer");
 * } finally {
 *     lock.unlock();
 * }
 * closeTheLinkWith(stalled);                   // the peer stopped reading: the link is closed
 * throw stalled;
 * }</pre>
 * and the writer, for what it has written: {@code budget.release(bytes)} under the lock.
 */
public final class OutgoingBudget {
    private final ReentrantLock lock;
    private final Condition room;
    private final String description;
    private final int maxFrameBytes;
    private final long maxQueuedBytes;
    private final long stallNanos;
    private long bytes;
    private boolean closed;

    /**
     * A budget with nothing counted yet.
     *
     * @param lock the link's own lock, under which every method but {@link #checkFrame} is called
     * @param description the link's description, for errors (as {@link Link#describe()})
     * @param maxFrameBytes the largest frame the link sends (a transport passes {@code WireLimits.maxFrameBytes()});
     *     positive
     * @param maxQueuedBytes the most bytes taken on and not yet written ({@code WireLimits.maxQueuedOutgoingBytes()});
     *     at least {@code maxFrameBytes}, so that any frame fits an empty queue
     * @param stallTimeout how long {@link #awaitRoom} waits for room before the peer counts as stalled
     *     ({@code WireLimits.sendStallTimeout()}); positive
     */
    public OutgoingBudget(ReentrantLock lock, String description, int maxFrameBytes, long maxQueuedBytes,
            Duration stallTimeout) {
        this.lock = Objects.requireNonNull(lock, "lock");
        this.description = Objects.requireNonNull(description, "description");
        Objects.requireNonNull(stallTimeout, "stallTimeout");
        if (maxFrameBytes <= 0) {
            throw new IllegalArgumentException("maxFrameBytes must be positive, was " + maxFrameBytes);
        }
        if (maxQueuedBytes < maxFrameBytes) {
            throw new IllegalArgumentException("maxQueuedBytes (" + maxQueuedBytes
                    + ") must be at least maxFrameBytes (" + maxFrameBytes + "), so that any frame fits");
        }
        if (stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("stallTimeout must be positive, was " + stallTimeout);
        }
        this.room = lock.newCondition();
        this.maxFrameBytes = maxFrameBytes;
        this.maxQueuedBytes = maxQueuedBytes;
        this.stallNanos = saturatedNanos(stallTimeout);
    }

    /**
     * Refuses a frame over {@code maxFrameBytes}, which the peer would have to refuse: the link sends nothing and
     * stays open. Needs no lock.
     *
     * @throws IOException if the frame is too large
     */
    public void checkFrame(byte[] frame) throws IOException {
        Objects.requireNonNull(frame, "frame");
        if (frame.length > maxFrameBytes) {
            throw new IOException("a message of " + frame.length + " bytes is over the limit of " + maxFrameBytes
                    + " bytes; not sent on " + description);
        }
    }

    /** Whether {@code length} more bytes fit now. */
    public boolean hasRoom(int length) {
        checkHeld();
        checkLength(length);
        return bytes + length <= maxQueuedBytes;
    }

    /**
     * For {@link Link#offer}: whether {@code length} more bytes fit now, never waiting.
     *
     * @throws IOException if the budget is closed ({@link #closedError()})
     */
    public boolean hasRoomNow(int length) throws IOException {
        checkHeld();
        if (closed) {
            throw closedError();
        }
        return hasRoom(length);
    }

    /**
     * For {@link Link#send}: waits, releasing the lock, until {@code length} more bytes fit, the budget closes, or the
     * stall timeout has passed since this call. Returns {@code true} when they fit (the caller then {@link #add}s them
     * before it lets go of the lock), {@code false} when the stall timeout passed first: the peer has stopped
     * reading, and the link should close ({@link #stallError}).
     *
     * @throws IOException if the budget is closed, before or while waiting ({@link #closedError()})
     * @throws InterruptedIOException if the thread is interrupted while waiting; its interrupt status is kept
     */
    public boolean awaitRoom(int length) throws IOException {
        checkHeld();
        checkLength(length);
        long deadline = System.nanoTime() + stallNanos;
        while (!closed && bytes + length > maxQueuedBytes) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                room.awaitNanos(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting to send on " + description);
            }
        }
        if (closed) {
            throw closedError();
        }
        return bytes + length <= maxQueuedBytes;
    }

    /**
     * Counts {@code length} bytes the link has taken on. A link checks for room first; what it must keep all the same
     * (the unwritten rest of a frame, a last error reply before closing) it may add beyond the bound.
     */
    public void add(long length) {
        checkHeld();
        checkLength(length);
        bytes += length;
    }

    /** {@code length} counted bytes have been written (or dropped): wakes the senders waiting for room. */
    public void release(long length) {
        checkHeld();
        checkLength(length);
        if (length > bytes) {
            throw new IllegalStateException("releasing " + length + " bytes of " + bytes + " counted on " + description);
        }
        bytes -= length;
        room.signalAll();
    }

    /** Forgets every counted byte (the link dropped what it still held): wakes the senders waiting for room. */
    public void releaseAll() {
        checkHeld();
        bytes = 0;
        room.signalAll();
    }

    /**
     * Stops taking frames: from now on {@link #awaitRoom} and {@link #hasRoomNow} throw {@link #closedError()}, and the
     * senders waiting for room wake and throw it. What is counted stays counted until released.
     *
     * @return whether this call closed it ({@code false} if it was closed before)
     */
    public boolean close() {
        checkHeld();
        if (closed) {
            return false;
        }
        closed = true;
        room.signalAll();
        return true;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        checkHeld();
        return closed;
    }

    /** The bytes counted now: taken on and not yet released. */
    public long bytes() {
        checkHeld();
        return bytes;
    }

    /** The error of a send on a closed link: "the link &lt;description&gt; is closed". Needs no lock. */
    public IOException closedError() {
        return new IOException("the link " + description + " is closed");
    }

    /**
     * The error that closes a link whose peer has taken nothing for the stall timeout, with the bytes waiting now:
     * "the &lt;peer&gt; on &lt;description&gt; has read nothing for N ms with M bytes waiting; the link is closed".
     *
     * @param peer what the peer is, for the message ({@code "peer"}, {@code "page"})
     */
    public IOException stallError(String peer) {
        checkHeld();
        Objects.requireNonNull(peer, "peer");
        return new IOException("the " + peer + " on " + description + " has read nothing for "
                + TimeUnit.NANOSECONDS.toMillis(stallNanos) + " ms with " + bytes + " bytes waiting; the link is closed");
    }

    private void checkHeld() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("the outgoing budget of " + description
                    + " is used under its link's lock, which this thread does not hold");
        }
    }

    private static void checkLength(long length) {
        if (length < 0) {
            throw new IllegalArgumentException("a length cannot be negative, was " + length);
        }
    }

    /** In nanoseconds, at most about 73 years: deadlines computed from {@link System#nanoTime()} cannot overflow. */
    private static long saturatedNanos(Duration duration) {
        long most = Long.MAX_VALUE / 4;
        return duration.compareTo(Duration.ofNanos(most)) >= 0 ? most : duration.toNanos();
    }

    @Override
    public String toString() {
        return "OutgoingBudget of " + description;
    }
}
