package io.typedipc.runtime;

import io.typedipc.runtime.internal.wire.FittingNumbers;
import io.typedipc.runtime.transport.spi.Hello;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * How a context ({@link IpcMain} or {@link IpcRenderer}) behaves: its JSON mapper, where handlers run, and the
 * default deadline. Immutable; {@link #defaults()} is what {@code IpcMain.create()} uses.
 */
public final class IpcSettings {

    /** The library's default deadline for every request whose sender and channel set none. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

    /** The window {@link IpcMain#mainWindow()} and {@link IpcRenderer#mainWindow()} reach unless set otherwise. */
    public static final String DEFAULT_MAIN_WINDOW = "main";

    private static final IpcSettings DEFAULTS = builder().build();

    private final JsonMapper mapper;
    private final Executor executor;
    private final boolean directExecutor;
    private final Duration defaultDeadline;
    private final boolean sendStackTraces;
    private final WireLimits wireLimits;
    private final String window;
    private final String mainWindow;
    private final MessageTrace trace;
    private final List<IpcInterceptor> outgoingInterceptors;
    private final List<IpcInterceptor> incomingInterceptors;

    /** The mapper the application gave, or {@code null}: then {@link #mapper} follows the wire limits. */
    private final JsonMapper givenMapper;

    private IpcSettings(Builder builder) {
        this.givenMapper = builder.mapper;
        this.mapper = builder.mapper != null ? builder.mapper : defaultMapper(builder.wireLimits);
        this.wireLimits = builder.wireLimits;
        this.executor = builder.executor;
        this.directExecutor = builder.directExecutor;
        this.defaultDeadline = builder.defaultDeadline;
        this.sendStackTraces = builder.sendStackTraces;
        this.window = builder.window;
        this.mainWindow = builder.mainWindow;
        this.trace = builder.trace;
        this.outgoingInterceptors = List.copyOf(builder.outgoingInterceptors);
        this.incomingInterceptors = List.copyOf(builder.incomingInterceptors);
    }

    public static IpcSettings defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder that starts with everything these settings have, to change a few:
     * {@code settings.toBuilder().trace(recorder).build()}. A mapper that was not given (the default one) is not
     * copied, so new wire limits still reach it.
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.mapper = givenMapper;
        builder.executor = executor;
        builder.defaultDeadline = defaultDeadline;
        builder.sendStackTraces = sendStackTraces;
        builder.wireLimits = wireLimits;
        builder.window = window;
        builder.mainWindow = mainWindow;
        builder.trace = trace;
        builder.directExecutor = directExecutor;
        return builder;
    }

    /**
     * The mapper used when the application supplies none: Jackson 3's defaults (no polymorphic default typing) made
     * strict, so that a value of the wrong JSON type is refused ({@code -32602}) instead of converted:
     * <ul>
     *   <li>a JSON {@code null} for a primitive fails instead of passing zero;</li>
     *   <li>no scalar coercion: {@code 1.9} is not an {@code int}, {@code "2"} is not a number or {@code boolean},
     *       {@code 123} or {@code true} is not a {@code String}, {@code 1} is not a {@code boolean}, {@code ""} is not
     *       an object (an integer is still a {@code double}: JSON has one number type);</li>
     *   <li>a number that does not fit its Java type is refused, not changed: {@code 1e400} for a {@code double} (it
     *       would be {@code Infinity}, also inside untyped values), {@code 200} for a {@code byte} (it would wrap);
     *       Jackson already refuses integers out of range for {@code short}, {@code int} and {@code long};</li>
     *   <li>{@code OffsetDateTime} and {@code ZonedDateTime} keep their offset and zone id (written as
     *       {@code 2020-01-01T10:00:00+01:00[Europe/Paris]}), rather than being moved to UTC.</li>
     * </ul>
     */
    public static JsonMapper defaultMapper() {
        return defaultMapper(WireLimits.defaults());
    }

    /** {@link #defaultMapper()} enforcing {@code limits}' Jackson {@code StreamReadConstraints}. */
    public static JsonMapper defaultMapper(WireLimits limits) {
        return defaultMapperBuilder(limits).build();
    }

    /**
     * A builder with everything {@link #defaultMapper(WireLimits)} has: start an application's own mapper here
     * ({@code defaultMapperBuilder(limits).addModule(...).build()}) to keep the limits and the strict input.
     */
    public static JsonMapper.Builder defaultMapperBuilder(WireLimits limits) {
        return limits.mapperBuilder()
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfigDefaults(config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DateTimeFeature.WRITE_DATES_WITH_ZONE_ID)
                // 1e400 is not a double (Jackson reads it as Infinity), 200 is not a byte (Jackson wraps it): refused.
                .addModule(FittingNumbers.module());
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

    /**
     * The executor that runs handlers, or {@code null} for the context's own dispatch thread (or the direct executor:
     * {@link #usesDirectExecutor()}).
     */
    public Executor executor() {
        return executor;
    }

    /** Whether handlers run on the thread that receives their message; see {@link Builder#directExecutor()}. */
    public boolean usesDirectExecutor() {
        return directExecutor;
    }

    public Duration defaultDeadline() {
        return defaultDeadline;
    }

    /** Whether error replies from this context include the handler's stack trace (off by default). */
    public boolean sendStackTraces() {
        return sendStackTraces;
    }

    /**
     * For a renderer: the window it is a panel of (Cocos Creator's windows hold several panels), told to main when
     * it connects; {@code null} (no window) unless set. Main ignores it for itself.
     */
    public String window() {
        return window;
    }

    /** The window {@code mainWindow()} reaches (Cocos Creator's {@code sendToMainWin}); {@link #DEFAULT_MAIN_WINDOW}. */
    public String mainWindow() {
        return mainWindow;
    }

    /** The message trace that sees every frame this context sends and receives, or {@code null} (off, the default). */
    public MessageTrace trace() {
        return trace;
    }

    /** The interceptors of the calls the context makes, in order; see {@link IpcInterceptor}. */
    public List<IpcInterceptor> outgoingInterceptors() {
        return outgoingInterceptors;
    }

    /** The interceptors of the calls the context serves, in order; see {@link IpcInterceptor}. */
    public List<IpcInterceptor> incomingInterceptors() {
        return incomingInterceptors;
    }

    /**
     * Checks a window name: 1 to 128 characters, not blank, no control characters (it appears in logs and routing).
     *
     * @throws IllegalArgumentException if it breaks these rules
     */
    public static String checkWindowName(String window) {
        Objects.requireNonNull(window, "window");
        if (!Hello.isWindowName(window)) {
            throw new IllegalArgumentException("a window name is 1 to 128 characters, not blank, without control"
                    + " characters: '" + window.replaceAll("\\p{Cntrl}", "?") + "'");
        }
        return window;
    }

    public static final class Builder {
        private JsonMapper mapper;
        private Executor executor;
        private boolean directExecutor;
        private Duration defaultDeadline = DEFAULT_DEADLINE;
        private boolean sendStackTraces;
        private WireLimits wireLimits = WireLimits.defaults();
        private String window;
        private String mainWindow = DEFAULT_MAIN_WINDOW;
        private MessageTrace trace;
        private final List<IpcInterceptor> outgoingInterceptors = new ArrayList<>();
        private final List<IpcInterceptor> incomingInterceptors = new ArrayList<>();

        private Builder() {}

        /**
         * Adds an interceptor of every call the context makes (gRPC's {@code ClientInterceptor}); they run in the
         * order added, before those registered later with {@link IpcContext#interceptOutgoing}.
         */
        public Builder interceptOutgoing(IpcInterceptor interceptor) {
            outgoingInterceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /**
         * Adds an interceptor of every call the context serves (gRPC's {@code ServerInterceptor}); they run in the
         * order added, before those registered later with {@link IpcContext#interceptIncoming}.
         */
        public Builder interceptIncoming(IpcInterceptor interceptor) {
            incomingInterceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /**
         * Traces every frame the context sends and receives, on all its connections (LSP4J's
         * {@code traceMessages}): {@code trace(MessageTrace.printingTo(writer))} writes them as lines, a
         * {@link TraceRecorder} keeps the last ones. Off unless set; see {@link MessageTrace} for the threads it runs
         * on. docs/observability.md shows the output.
         */
        public Builder trace(MessageTrace trace) {
            this.trace = Objects.requireNonNull(trace, "trace");
            return this;
        }

        /** The window this renderer is a panel of; see {@link IpcSettings#window()}. */
        public Builder window(String window) {
            this.window = checkWindowName(window);
            return this;
        }

        /** Which window is the main window; {@link #DEFAULT_MAIN_WINDOW} unless set. */
        public Builder mainWindow(String window) {
            this.mainWindow = checkWindowName(window);
            return this;
        }

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
            this.directExecutor = false;
            return this;
        }

        /**
         * Runs handlers, listeners and the completion of {@code invoke} futures on the thread that receives their
         * message, with no hand-off: a byte-stream link's reader thread, or in process the sending thread itself
         * (gRPC's {@code directExecutor()}). The fastest setting, for handlers that never block. A handler in this mode
         * must return quickly and must not wait: a blocking call ({@code sendSync}, a blocking typed method,
         * {@code get()} / {@code join()} on a request's future) made while it runs throws
         * {@link IllegalStateException}, and while it runs its link reads nothing else. Messages from one peer still
         * run one at a time and in the order sent; different peers' messages may run at the same time, on their
         * links' threads. Replaces an {@link #executor(Executor)} set before; see docs/runtime.md.
         */
        public Builder directExecutor() {
            this.directExecutor = true;
            this.executor = null;
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
