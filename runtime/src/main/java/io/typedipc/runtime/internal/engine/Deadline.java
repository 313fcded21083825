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

    /** What is left of it, never negative; {@code null} if it lies too far ahead to represent. */
    public Duration remaining() {
        return nanos == Long.MAX_VALUE ? null : Duration.ofNanos(Math.max(0, nanos - System.nanoTime()));
    }
}
