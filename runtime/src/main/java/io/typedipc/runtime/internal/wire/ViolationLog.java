package io.typedipc.runtime.internal.wire;

import java.lang.System.Logger.Level;
import java.util.function.Supplier;

/**
 * Logs what a peer got wrong without letting the peer write the log: at most {@link #BURST} lines at once, then one
 * a second; the lines left out are counted and the next line says how many. One per connection (and per listening
 * socket), so a noisy peer does not hide another's problems. For the runtime's own use.
 */
public final class ViolationLog {
    /** Lines logged at once before the rate applies. */
    public static final int BURST = 10;
    private static final long REFILL_NANOS = 1_000_000_000L;

    private double tokens = BURST;
    private long refilledAt = System.nanoTime();
    private long suppressed;

    /** Logs {@code message} to {@code logger} unless this peer's budget of lines is spent; the message is made safe. */
    public void log(System.Logger logger, Level level, Supplier<String> message) {
        if (!logger.isLoggable(level)) {
            return;
        }
        long left;
        synchronized (this) {
            long now = System.nanoTime();
            tokens = Math.min(BURST, tokens + (now - refilledAt) / (double) REFILL_NANOS);
            refilledAt = now;
            if (tokens < 1) {
                suppressed++;
                return;
            }
            tokens--;
            left = suppressed;
            suppressed = 0;
        }
        String text = LogText.of(message.get(), LogText.MAX_LOG_LINE);
        logger.log(level, left == 0 ? text : text + " (" + left + " similar lines from this peer were left out)");
    }

    /** Lines left out since the last one logged. */
    public synchronized long suppressed() {
        return suppressed;
    }
}
