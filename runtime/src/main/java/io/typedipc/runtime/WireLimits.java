package io.typedipc.runtime;

import io.typedipc.runtime.internal.engine.IncomingBudget;
import java.time.Duration;
import java.util.Objects;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bounds on what a peer can make a context read or queue: frame and header size on byte streams, Jackson's
 * {@link StreamReadConstraints} (nesting depth, string, number and property-name length) on every message, and the
 * outgoing bytes a byte-stream link queues for a slow reader. Immutable; {@link #defaults()} is what every transport
 * uses unless told otherwise. docs/protocol.md ("Limits") says what happens when a peer breaks one.
 */
public final class WireLimits {

    /** Largest message body a byte-stream transport reads or writes: 16 MiB. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;
    /** Largest header block (all header lines of one frame, with their line ends): 8 KiB. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 8 * 1024;
    /** Deepest nesting of JSON arrays and objects in one message, the envelope included: 128. */
    public static final int DEFAULT_MAX_NESTING_DEPTH = 128;
    /** Longest JSON string value, in characters: 16 Mi (a string can never be longer than its frame). */
    public static final int DEFAULT_MAX_STRING_LENGTH = 16 * 1024 * 1024;
    /** Longest JSON number, in characters: 200. */
    public static final int DEFAULT_MAX_NUMBER_LENGTH = 200;
    /** Longest JSON property name, in characters: 64 Ki. */
    public static final int DEFAULT_MAX_NAME_LENGTH = 64 * 1024;
    /** Most bytes a byte-stream link holds for a peer that reads slower than we write: 64 MiB. */
    public static final long DEFAULT_MAX_QUEUED_OUTGOING_BYTES = 64L * 1024 * 1024;
    /**
     * Most bytes of received messages a connection queues for its context's handlers before its link's reader waits
     * (backpressure towards the peer): 64 MiB, counting each message's frame plus {@link #QUEUED_MESSAGE_OVERHEAD}.
     */
    public static final long DEFAULT_MAX_QUEUED_INCOMING_BYTES = 64L * 1024 * 1024;
    /** What each queued incoming message counts for on top of its frame's bytes (its envelope and queue entry). */
    public static final int QUEUED_MESSAGE_OVERHEAD = IncomingBudget.MESSAGE_OVERHEAD;
    /** How long a sender waits for room in a full outgoing queue before the link is declared stalled: 30 s. */
    public static final Duration DEFAULT_SEND_STALL_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Most requests main holds for one renderer connection at once: 16,384 counting the requests it sent main
     * (queued or being served) and its routed requests main has not relayed the reply of yet; and, separately, 16,384
     * routed requests main has forwarded to it and not had answered. One more is answered {@code -32005} at once.
     */
    public static final int DEFAULT_MAX_REQUESTS_IN_FLIGHT = 16 * 1024;
    /** The longest a peer may make main wait for a routed request ({@code deadlineMillis}): 10 minutes. */
    public static final Duration DEFAULT_MAX_PEER_DEADLINE = Duration.ofMinutes(10);

    private static final WireLimits DEFAULTS = builder().build();

    private final int maxFrameBytes;
    private final int maxHeaderBytes;
    private final int maxNestingDepth;
    private final int maxStringLength;
    private final int maxNumberLength;
    private final int maxNameLength;
    private final long maxQueuedOutgoingBytes;
    private final long maxQueuedIncomingBytes;
    private final Duration sendStallTimeout;
    private final int maxRequestsInFlight;
    private final Duration maxPeerDeadline;

    private WireLimits(Builder builder) {
        this.maxFrameBytes = builder.maxFrameBytes;
        this.maxHeaderBytes = builder.maxHeaderBytes;
        this.maxNestingDepth = builder.maxNestingDepth;
        this.maxStringLength = builder.maxStringLength;
        this.maxNumberLength = builder.maxNumberLength;
        this.maxNameLength = builder.maxNameLength;
        this.maxQueuedOutgoingBytes = builder.maxQueuedOutgoingBytes;
        this.maxQueuedIncomingBytes = builder.maxQueuedIncomingBytes;
        this.sendStallTimeout = builder.sendStallTimeout;
        this.maxRequestsInFlight = builder.maxRequestsInFlight;
        this.maxPeerDeadline = builder.maxPeerDeadline;
    }

    public static WireLimits defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from these limits. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.maxFrameBytes = maxFrameBytes;
        builder.maxHeaderBytes = maxHeaderBytes;
        builder.maxNestingDepth = maxNestingDepth;
        builder.maxStringLength = maxStringLength;
        builder.maxNumberLength = maxNumberLength;
        builder.maxNameLength = maxNameLength;
        builder.maxQueuedOutgoingBytes = maxQueuedOutgoingBytes;
        builder.maxQueuedIncomingBytes = maxQueuedIncomingBytes;
        builder.sendStallTimeout = sendStallTimeout;
        builder.maxRequestsInFlight = maxRequestsInFlight;
        builder.maxPeerDeadline = maxPeerDeadline;
        return builder;
    }

    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    public int maxHeaderBytes() {
        return maxHeaderBytes;
    }

    public int maxNestingDepth() {
        return maxNestingDepth;
    }

    public int maxStringLength() {
        return maxStringLength;
    }

    public int maxNumberLength() {
        return maxNumberLength;
    }

    public int maxNameLength() {
        return maxNameLength;
    }

    public long maxQueuedOutgoingBytes() {
        return maxQueuedOutgoingBytes;
    }

    /**
     * Most bytes of received messages one connection queues for its context before the link's reader waits for the
     * handlers to catch up; if they take nothing up for {@link #sendStallTimeout()}, the connection is closed.
     */
    public long maxQueuedIncomingBytes() {
        return maxQueuedIncomingBytes;
    }

    public Duration sendStallTimeout() {
        return sendStallTimeout;
    }

    /**
     * Most requests main holds for one renderer connection at once ({@link #DEFAULT_MAX_REQUESTS_IN_FLIGHT}); the
     * one over it is answered with {@code ErrorCodes.TOO_MANY_REQUESTS}. Main's own requests are not counted.
     */
    public int maxRequestsInFlight() {
        return maxRequestsInFlight;
    }

    /** The longest main waits for a routed request, whatever {@code deadlineMillis} the origin sent. */
    public Duration maxPeerDeadline() {
        return maxPeerDeadline;
    }

    /** Jackson's read constraints for these limits (the document length is bounded by the frame size). */
    public StreamReadConstraints streamReadConstraints() {
        return StreamReadConstraints.builder()
                .maxNestingDepth(maxNestingDepth)
                .maxStringLength(maxStringLength)
                .maxNumberLength(maxNumberLength)
                .maxNameLength(maxNameLength)
                .maxDocumentLength(maxFrameBytes)
                .build();
    }

    /**
     * A JSON factory that enforces these limits on everything it parses. Its parsers and generators take their
     * buffers from a per-thread pool (the runtime's threads are few and long-lived): Jackson's default, a shared
     * concurrent pool, allocates a queue node for every buffer it takes back.
     */
    public JsonFactory jsonFactory() {
        return JsonFactory.builder().streamReadConstraints(streamReadConstraints())
                .recyclerPool(JsonRecyclerPools.threadLocalPool()).build();
    }

    /**
     * A mapper builder on {@link #jsonFactory()}: start an application's own mapper here so that it keeps these
     * limits ({@code limits.mapperBuilder().addModule(...).build()}).
     */
    public JsonMapper.Builder mapperBuilder() {
        return JsonMapper.builder(jsonFactory());
    }

    @Override
    public String toString() {
        return "WireLimits[frame " + maxFrameBytes + " B, header " + maxHeaderBytes + " B, depth " + maxNestingDepth
                + ", string " + maxStringLength + ", number " + maxNumberLength + ", name " + maxNameLength
                + ", queued out " + maxQueuedOutgoingBytes + " B, queued in " + maxQueuedIncomingBytes
                + " B, stall " + sendStallTimeout.toMillis() + " ms, requests in flight " + maxRequestsInFlight
                + ", peer deadline " + maxPeerDeadline.toMillis() + " ms]";
    }

    public static final class Builder {
        private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
        private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;
        private int maxNestingDepth = DEFAULT_MAX_NESTING_DEPTH;
        private int maxStringLength = DEFAULT_MAX_STRING_LENGTH;
        private int maxNumberLength = DEFAULT_MAX_NUMBER_LENGTH;
        private int maxNameLength = DEFAULT_MAX_NAME_LENGTH;
        private long maxQueuedOutgoingBytes = DEFAULT_MAX_QUEUED_OUTGOING_BYTES;
        private long maxQueuedIncomingBytes = DEFAULT_MAX_QUEUED_INCOMING_BYTES;
        private Duration sendStallTimeout = DEFAULT_SEND_STALL_TIMEOUT;
        private int maxRequestsInFlight = DEFAULT_MAX_REQUESTS_IN_FLIGHT;
        private Duration maxPeerDeadline = DEFAULT_MAX_PEER_DEADLINE;

        private Builder() {}

        public Builder maxFrameBytes(int bytes) {
            this.maxFrameBytes = positive(bytes, "maxFrameBytes");
            return this;
        }

        /** At least 64: room for a {@code Content-Length} line and a {@code Content-Type} line. */
        public Builder maxHeaderBytes(int bytes) {
            if (bytes < 64) {
                throw new IllegalArgumentException("maxHeaderBytes must be at least 64, was " + bytes);
            }
            this.maxHeaderBytes = bytes;
            return this;
        }

        /** At least 4: a message, its params array and one nested value need three levels. */
        public Builder maxNestingDepth(int depth) {
            if (depth < 4) {
                throw new IllegalArgumentException("maxNestingDepth must be at least 4, was " + depth);
            }
            this.maxNestingDepth = depth;
            return this;
        }

        public Builder maxStringLength(int chars) {
            this.maxStringLength = positive(chars, "maxStringLength");
            return this;
        }

        public Builder maxNumberLength(int chars) {
            this.maxNumberLength = positive(chars, "maxNumberLength");
            return this;
        }

        public Builder maxNameLength(int chars) {
            this.maxNameLength = positive(chars, "maxNameLength");
            return this;
        }

        /** Must be at least {@link #maxFrameBytes}, checked by {@link #build()}, so that any legal frame fits. */
        public Builder maxQueuedOutgoingBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxQueuedOutgoingBytes must be positive, was " + bytes);
            }
            this.maxQueuedOutgoingBytes = bytes;
            return this;
        }

        /** Must be at least {@link #maxFrameBytes}, checked by {@link #build()}, so that any legal frame fits. */
        public Builder maxQueuedIncomingBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxQueuedIncomingBytes must be positive, was " + bytes);
            }
            this.maxQueuedIncomingBytes = bytes;
            return this;
        }

        public Builder sendStallTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("sendStallTimeout must be positive, was " + timeout);
            }
            this.sendStallTimeout = timeout;
            return this;
        }

        public Builder maxRequestsInFlight(int requests) {
            this.maxRequestsInFlight = positive(requests, "maxRequestsInFlight");
            return this;
        }

        /** From 1 ms to 2^31-1 ms (the largest {@code deadlineMillis} the protocol allows). */
        public Builder maxPeerDeadline(Duration deadline) {
            Objects.requireNonNull(deadline, "deadline");
            if (deadline.compareTo(Duration.ofMillis(1)) < 0 || deadline.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
                throw new IllegalArgumentException("maxPeerDeadline must be from 1 ms to " + Integer.MAX_VALUE
                        + " ms, was " + deadline);
            }
            this.maxPeerDeadline = deadline;
            return this;
        }

        public WireLimits build() {
            if (maxQueuedOutgoingBytes < maxFrameBytes) {
                throw new IllegalArgumentException("maxQueuedOutgoingBytes (" + maxQueuedOutgoingBytes
                        + ") must be at least maxFrameBytes (" + maxFrameBytes + ")");
            }
            if (maxQueuedIncomingBytes < maxFrameBytes) {
                throw new IllegalArgumentException("maxQueuedIncomingBytes (" + maxQueuedIncomingBytes
                        + ") must be at least maxFrameBytes (" + maxFrameBytes + ")");
            }
            return new WireLimits(this);
        }

        private static int positive(int value, String what) {
            if (value <= 0) {
                throw new IllegalArgumentException(what + " must be positive, was " + value);
            }
            return value;
        }
    }
}
