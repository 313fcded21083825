package io.typedipc.runtime;

import io.typedipc.runtime.internal.engine.CallWatch;
import io.typedipc.runtime.internal.engine.Connection;
import io.typedipc.runtime.internal.engine.Deadline;
import io.typedipc.runtime.internal.wire.WireFormat;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.LongFunction;

/** {@link IpcPeer#ping}, written once for every kind of peer: sends {@code $/ping} and times the answer. */
final class Pings {
    private Pings() {}

    /** Pings over {@code connection} with the request {@code encoder} makes for an id (plain, or routed). */
    static CompletableFuture<PingResult> ping(Connection connection, Duration deadline, LongFunction<byte[]> encoder) {
        checkDeadline(deadline);
        Timing timing = new Timing();
        CompletableFuture<Object> answer;
        try {
            answer = connection.protocolRequest(WireFormat.PING_METHOD, Deadline.after(deadline), timing, encoder);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return answer.handle((result, failure) -> {
            Throwable cause = unwrap(failure);
            if (cause != null && !(cause instanceof NoSuchChannelException)) {
                throw cause instanceof CompletionException completion ? completion : new CompletionException(cause);
            }
            return new PingResult(Duration.ofNanos(timing.arrived - timing.started), cause == null && knowsPing(result));
        });
    }

    /**
     * Whether a successful answer came from a runtime that knows {@code $/ping}: one answers with an object
     * (protocol.md). A peer that answers unknown {@code $/} requests with {@code null} instead of {@code -32601}
     * (LSP4J's rule for "optional" methods) is alive and reading, but does not know ping.
     */
    private static boolean knowsPing(Object result) {
        return result instanceof Map;
    }

    /** The request frame of a plain ping. */
    static LongFunction<byte[]> plain(IpcContext context) {
        return id -> context.wire().request(id, WireFormat.PING_METHOD, context.wire().untyped(), new Object[0]);
    }

    static void checkDeadline(Duration deadline) {
        Objects.requireNonNull(deadline, "deadline");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive, was " + deadline);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** When the ping went out and when its answer came in (on the link's thread, before any queue). */
    private static final class Timing implements CallWatch {
        final long started = System.nanoTime();
        volatile long arrived;

        @Override
        public void sent(int bytes) {
        }

        @Override
        public void received(int bytes) {
            arrived = System.nanoTime();
        }

        @Override
        public void end(Throwable failure) {
        }
    }
}
