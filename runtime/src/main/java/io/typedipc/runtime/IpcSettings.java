package io.typedipc.runtime;

import java.time.Duration;
import java.util.Objects;
import io.typedipc.runtime.wire.WireLimits;
import java.util.concurrent.Executor;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a context ({@link IpcMain} or {@link IpcRenderer}) behaves: its JSON mapper, where handlers run, and the
 * default deadline. Immutable; {@link #defaults()} is what {@code IpcMain.create()} uses.
 */
public final class IpcSettings {

    /** The library's default deadline for every request whose sender and channel set none. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

    private static final IpcSettings DEFAULTS = builder().build();

    private final JsonMapper mapper;
    private final Executor executor;
    private final Duration defaultDeadline;
    private final boolean sendStackTraces;
    private final WireLimits wireLimits;

    private IpcSettings(Builder builder) {
        this.mapper = builder.mapper != null ? builder.mapper : defaultMapper(builder.wireLimits);
        this.wireLimits = builder.wireLimits;
        this.executor = builder.executor;
        this.defaultDeadline = builder.defaultDeadline;
        this.sendStackTraces = builder.sendStackTraces;
    }

    public static IpcSettings defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The mapper used when the application supplies none: Jackson 3's defaults (no polymorphic default typing),
     * failing on a JSON {@code null} for a primitive parameter instead of silently passing zero.
     */
    public static JsonMapper defaultMapper() {
        return defaultMapper(WireLimits.defaults());
    }

    /** {@link #defaultMapper()} enforcing {@code limits}' Jackson {@code StreamReadConstraints}. */
    public static JsonMapper defaultMapper(WireLimits limits) {
        return limits.mapperBuilder().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
    }

    /**
     * The bounds on frames, headers and queued bytes that byte-stream transports apply to this context's links
     * ({@link WireLimits#defaults()} unless set). The JSON limits in it apply through the default mapper; an
     * application's own mapper keeps its own (build it from {@link WireLimits#mapperBuilder()} to keep them).
     */
    public WireLimits wireLimits() {
        return wireLimits;
    }

    public JsonMapper mapper() {
        return mapper;
    }

    /** The executor that runs handlers, or {@code null} for the context's own dispatch thread. */
    public Executor executor() {
        return executor;
    }

    public Duration defaultDeadline() {
        return defaultDeadline;
    }

    /** Whether error replies from this context include the handler's stack trace (off by default). */
    public boolean sendStackTraces() {
        return sendStackTraces;
    }

    public static final class Builder {
        private JsonMapper mapper;
        private Executor executor;
        private Duration defaultDeadline = DEFAULT_DEADLINE;
        private boolean sendStackTraces;
        private WireLimits wireLimits = WireLimits.defaults();

        private Builder() {}

        /** Frame, header, JSON and outgoing-queue limits; {@link WireLimits#defaults()} unless set. */
        public Builder wireLimits(WireLimits limits) {
            this.wireLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** The mapper for arguments and results. Polymorphic default typing must stay off: peers are untrusted. */
        public Builder mapper(JsonMapper mapper) {
            this.mapper = Objects.requireNonNull(mapper, "mapper");
            return this;
        }

        /**
         * Runs handlers on {@code executor} instead of the context's own dispatch thread: a UI toolkit's thread
         * ({@code Platform::runLater}, {@code SwingUtilities::invokeLater}) or a pool. Messages from one peer still
         * reach handlers one at a time and in the order sent.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** The deadline of requests whose sender and channel set none; {@link #DEFAULT_DEADLINE} unless set. */
        public Builder defaultDeadline(Duration deadline) {
            Objects.requireNonNull(deadline, "deadline");
            if (deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("deadline must be positive, was " + deadline);
            }
            this.defaultDeadline = deadline;
            return this;
        }

        /** Opt in to sending handlers' stack traces to the peer in error replies. Off by default. */
        public Builder sendStackTraces(boolean send) {
            this.sendStackTraces = send;
            return this;
        }

        public IpcSettings build() {
            return new IpcSettings(this);
        }
    }
}
