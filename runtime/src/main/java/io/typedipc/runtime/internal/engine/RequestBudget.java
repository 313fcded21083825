package io.typedipc.runtime.internal.engine;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many requests main holds for one renderer connection at once — the requests it sent main and its routed
 * requests not yet relayed back; or, as a second budget, the routed requests forwarded to it and not yet answered (so
 * other renderers flooding it cannot stop its own requests) — each bounded by
 * {@code WireLimits.maxRequestsInFlight}. Each request held costs main a queue entry, a
 * pending call, a timer and a cancellation entry: without a bound, a renderer with the token could exhaust main's
 * heap with requests that never finish. A renderer's own budget is unbounded: it does not defend itself against main.
 */
public final class RequestBudget {
    /** For contexts that do not bound their peer. */
    public static final RequestBudget UNBOUNDED = new RequestBudget(Integer.MAX_VALUE);

    private final int max;
    private final AtomicInteger held = new AtomicInteger();

    public RequestBudget(int max) {
        this.max = max;
    }

    /** Counts one more request, unless {@link #max()} are held already. */
    boolean tryTake() {
        if (max == Integer.MAX_VALUE) {
            return true;
        }
        while (true) {
            int now = held.get();
            if (now >= max) {
                return false;
            }
            if (held.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** One request taken with {@link #tryTake()} is over (answered, relayed, refused or abandoned). */
    void give() {
        if (max != Integer.MAX_VALUE) {
            held.decrementAndGet();
        }
    }

    int max() {
        return max;
    }

    int held() {
        return held.get();
    }
}
