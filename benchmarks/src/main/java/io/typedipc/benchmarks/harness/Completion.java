package io.typedipc.benchmarks.harness;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts replies seen by a reader thread and wakes the one waiting caller when the count it waits for is reached.
 * The caller sets its target before sending, so the reader never misses it.
 */
public final class Completion {
    private volatile long received;
    private volatile long target = Long.MAX_VALUE;
    private volatile Thread waiter;
    private volatile Throwable failure;

    /** Called by the caller before sending {@code count} requests; returns the count to wait for. */
    public long expect(int count) {
        waiter = Thread.currentThread();
        long goal = received + count;
        target = goal;
        return goal;
    }

    /** Called by the reader thread (the only writer of the count) for each reply. */
    public void replied() {
        long now = received + 1;
        received = now;
        if (now >= target) {
            LockSupport.unpark(waiter);
        }
    }

    /** Called by the reader thread when the stream fails. */
    public void failed(Throwable cause) {
        failure = cause;
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /** Waits until {@code goal} replies were counted. */
    public void await(long goal) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (received < goal) {
            if (failure != null) {
                throw new IllegalStateException("the reader failed", failure);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no reply within 60 s: " + received + " of " + goal);
            }
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(100));
        }
    }
}
