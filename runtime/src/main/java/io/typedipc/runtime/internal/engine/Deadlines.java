package io.typedipc.runtime.internal.engine;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer thread, shared by every context. Each connection keeps one wake-up on it for its earliest request
 * deadline ({@link DeadlineQueue}), not one task per request.
 */
public final class Deadlines {
    private static final ScheduledThreadPoolExecutor TIMER = createTimer();

    private Deadlines() {}

    /** Runs {@code task} on the timer at {@code deadlineNanos} ({@link System#nanoTime()} time), or now if past. */
    static ScheduledFuture<?> scheduleAtNanos(Runnable task, long deadlineNanos) {
        return TIMER.schedule(task, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /**
     * {@code after} in nanoseconds, at most {@link Long#MAX_VALUE}: a deadline of any length (an application's
     * {@code Duration.ofDays(10_000_000)}) waits "for ever" instead of overflowing.
     */
    public static long nanos(Duration after) {
        try {
            return after.toNanos();
        } catch (ArithmeticException e) {
            return after.isNegative() ? 0 : Long.MAX_VALUE;
        }
    }

    /** {@link System#nanoTime()} plus {@code after}, or {@link Long#MAX_VALUE} (no deadline) if that would overflow. */
    public static long deadlineNanos(Duration after) {
        long now = System.nanoTime();
        long nanos = nanos(after);
        return nanos > Long.MAX_VALUE - Math.max(0, now) - 1 ? Long.MAX_VALUE : now + nanos;
    }

    /** {@code after} in milliseconds, at most {@link Long#MAX_VALUE}. */
    public static long millis(Duration after) {
        try {
            return after.toMillis();
        } catch (ArithmeticException e) {
            return after.isNegative() ? 0 : Long.MAX_VALUE;
        }
    }

    private static ScheduledThreadPoolExecutor createTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "typed-ipc-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true); // answered requests must not leave their timers behind
        return timer;
    }
}
