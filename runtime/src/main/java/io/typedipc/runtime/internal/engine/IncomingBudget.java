package io.typedipc.runtime.internal.engine;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * How many bytes of one connection's received messages are queued for its context and not yet taken up, bounded by
 * {@code WireLimits.maxQueuedIncomingBytes}: a peer that sends faster than the handlers work is slowed down (the
 * link's reader waits, so the peer's writes block) instead of filling the heap.
 */
public final class IncomingBudget {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition room = lock.newCondition();
    private final long maxBytes;
    private final Duration stallTimeout;
    private long queued;

    /** What a queued message costs beyond its frame's bytes (the task, the envelope): counted against the budget. */
    public static final int MESSAGE_OVERHEAD = 256;

    IncomingBudget(long maxBytes, Duration stallTimeout) {
        this.maxBytes = maxBytes;
        this.stallTimeout = stallTimeout;
    }

    /**
     * Counts {@code cost} more bytes as queued, first waiting for room if {@code mayWait} (a message larger than the
     * whole budget is let through once nothing else is queued). Stops waiting when {@code closed} turns true.
     *
     * @return {@code false} if no room was made within the stall timeout (the bytes are counted all the same: the
     *     caller closes the connection)
     */
    boolean take(long cost, boolean mayWait, BooleanSupplier closed) {
        lock.lock();
        try {
            long deadline = System.nanoTime() + stallTimeout.toNanos();
            while (mayWait && !closed.getAsBoolean() && queued > 0 && queued + cost > maxBytes) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    queued += cost;
                    return false;
                }
                try {
                    room.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            queued += cost;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The context has taken up a message of {@code cost} bytes. */
    void give(long cost) {
        lock.lock();
        try {
            queued -= cost;
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes a reader waiting for room, to re-check why it waits (the connection closed). */
    void wakeWaiters() {
        lock.lock();
        try {
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }

    long queued() {
        lock.lock();
        try {
            return queued;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "IncomingBudget{" + queued() + " of " + maxBytes + " bytes, stall after "
                + stallTimeout.toMillis() + " ms}";
    }
}
