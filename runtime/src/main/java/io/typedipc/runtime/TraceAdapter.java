package io.typedipc.runtime;

import io.typedipc.runtime.internal.engine.FrameFacts;
import io.typedipc.runtime.internal.engine.FrameSink;
import io.typedipc.runtime.internal.wire.ViolationLog;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;

/** Hands the engine's traced frames to the application's {@link MessageTrace}, which must not break a connection. */
final class TraceAdapter implements FrameSink {
    private static final System.Logger LOG = System.getLogger(MessageTrace.class.getName());

    private final MessageTrace trace;
    /** A trace that fails on every frame must not flood the log either. */
    private final ViolationLog failures = new ViolationLog();

    private TraceAdapter(MessageTrace trace) {
        this.trace = trace;
    }

    /** The sink for {@code settings}' trace, or {@code null} when it has none (then links are not wrapped). */
    static FrameSink of(IpcSettings settings) {
        return settings.trace() == null ? null : new TraceAdapter(settings.trace());
    }

    @Override
    public void frame(FrameFacts facts) {
        TracedFrame frame = new TracedFrame(facts.sent() ? TracedFrame.Direction.SENT : TracedFrame.Direction.RECEIVED,
                facts.context(), facts.peer(), facts.link(), Instant.ofEpochMilli(facts.epochMillis()), facts.nanoTime(),
                facts.bytes(), facts.type() == null ? TracedFrame.Kind.INVALID : TracedFrame.Kind.valueOf(facts.type().name()),
                facts.id(), facts.method(), facts.errorCode(),
                facts.latencyNanos() < 0 ? null : Duration.ofNanos(facts.latencyNanos()), facts.text());
        try {
            trace.frame(frame);
        } catch (RuntimeException | LinkageError e) {
            failures.log(LOG, Level.WARNING, () -> "the message trace " + trace + " failed on a frame: " + e);
        }
    }
}
