package io.typedipc.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * A request this context sent that has had no reply yet, as {@link IpcContext#pendingRequests()} lists it: every
 * such request ends with its reply, its deadline, a cancellation or the connection's close. A test that ends with
 * one still pending started a call it never waited for, or called a handler that never answers.
 *
 * @param channel the request's channel
 * @param peer who was asked: {@code "main"} from a renderer, {@code "renderer panel#3"} from main (a routed request
 *     is a renderer's request to main)
 * @param waiting how long it has waited so far
 */
public record PendingRequest(String channel, String peer, Duration waiting) {
    public PendingRequest {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(waiting, "waiting");
    }

    @Override
    public String toString() {
        return channel + " to " + peer + ", waiting for " + waiting.toMillis() + " ms";
    }
}
