package io.typedipc.runtime.internal.engine;

import java.time.Duration;

/**
 * A request's deadline, computed once when the call starts: the absolute time the caller stops waiting
 * ({@link System#nanoTime()} time; {@link Long#MAX_VALUE} for a deadline too far to represent) and the length the
 * caller asked for, in milliseconds (what a {@code $/route} carries and what a timeout's message says).
 */
public record Deadline(long nanos, long millis) {

    /** The deadline {@code after} from now. */
    public static Deadline after(Duration after) {
        return new Deadline(Deadlines.deadlineNanos(after), Deadlines.millis(after));
    }

    /**
     * What is left of it in whole milliseconds, rounded up, as a request carries it on the wire: at least 1 (a
     * deadline that has just passed still says "now"), 0 if it lies too far ahead to represent.
     */
    public long remainingMillis() {
        if (nanos == Long.MAX_VALUE) {
            return 0;
        }
        long left = nanos - System.nanoTime();
        return left <= 0 ? 1 : (left + 999_999) / 1_000_000;
    }

    /** What is left of it, never negative; {@code null} if it lies too far ahead to represent. */
    public Duration remaining() {
        return nanos == Long.MAX_VALUE ? null : Duration.ofNanos(Math.max(0, nanos - System.nanoTime()));
    }
}
