package io.typedipc.runtime.internal.engine;

import io.typedipc.runtime.internal.wire.Envelope;
import io.typedipc.runtime.internal.wire.MethodCodec;
import java.util.concurrent.CompletableFuture;

/**
 * A request of ours that waits for its reply: its id, what decodes the reply, and its deadline, computed once when
 * the call is opened (as {@link System#nanoTime()} time; {@link Long#MAX_VALUE} for none).
 */
public final class PendingCall {
    private final long id;
    private final String channel;
    private final MethodCodec codec;
    private final long deadlineNanos;
    private final long deadlineMillis;
    private final long openedNanos = System.nanoTime();
    private final CompletableFuture<Envelope> reply = new CompletableFuture<>();
    /** Who watches this call (interceptors, JFR), or {@code null}. */
    private volatile CallWatch watch;
    /** Where this call sits in its connection's deadline queue, or -1; guarded by the queue. */
    int queueIndex = -1;

    PendingCall(long id, String channel, MethodCodec codec, long deadlineNanos, long deadlineMillis) {
        this.id = id;
        this.channel = channel;
        this.codec = codec;
        this.deadlineNanos = deadlineNanos;
        this.deadlineMillis = deadlineMillis;
    }

    public long id() {
        return id;
    }

    public String channel() {
        return channel;
    }

    /** Decodes the reply's result or declared error. */
    public MethodCodec codec() {
        return codec;
    }

    /** When the caller stops waiting, in {@link System#nanoTime()} time; {@link Long#MAX_VALUE} if never. */
    public long deadlineNanos() {
        return deadlineNanos;
    }

    /** When the call was opened, in {@link System#nanoTime()} time. */
    public long openedNanos() {
        return openedNanos;
    }

    /** The deadline as the caller gave it, in milliseconds from when the call was opened (for messages). */
    public long deadlineMillis() {
        return deadlineMillis;
    }

    /**
     * Completes with the reply's envelope (a result or an error), or exceptionally when the call failed before one
     * came: deadline, disconnect, cancellation.
     */
    public CompletableFuture<Envelope> reply() {
        return reply;
    }

    /** Who watches this call, or {@code null} when nothing does. */
    public CallWatch watch() {
        return watch;
    }

    /** Set once, before the request is sent. */
    public void watch(CallWatch watch) {
        this.watch = watch;
    }

    @Override
    public String toString() {
        return "request #" + id + " " + channel;
    }
}
