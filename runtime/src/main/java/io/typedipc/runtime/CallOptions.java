package io.typedipc.runtime;

import io.typedipc.runtime.codegen.MethodDescriptor;
import java.time.Duration;
import java.util.Objects;

/**
 * Per-sender call options, immutable, in the style of gRPC's {@code CallOptions}: a sender made with
 * {@code withDeadline} keeps its own copy and the original is unchanged.
 */
public final class CallOptions {

    /** No overrides: each request uses its channel's deadline, or else the context's default. */
    public static final CallOptions DEFAULT = new CallOptions(null);

    private final Duration deadline;

    private CallOptions(Duration deadline) {
        this.deadline = deadline;
    }

    /** The deadline for every request made with these options, overriding channel and context defaults. */
    public CallOptions withDeadline(Duration deadline) {
        Objects.requireNonNull(deadline, "deadline");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive, was " + deadline);
        }
        return new CallOptions(deadline);
    }

    /** The sender's own deadline, or {@code null} when the channel's or the context's applies. */
    public Duration deadline() {
        return deadline;
    }

    /** The deadline that applies to {@code method}: the sender's, else the channel's, else {@code contextDefault}. */
    public Duration effectiveDeadline(MethodDescriptor<?> method, Duration contextDefault) {
        if (deadline != null) {
            return deadline;
        }
        if (method != null && method.deadline() != null) {
            return method.deadline();
        }
        return contextDefault;
    }

    @Override
    public String toString() {
        return deadline == null ? "CallOptions{}" : "CallOptions{deadline=" + deadline + "}";
    }
}
