package io.typedipc.runtime;

import java.io.PrintWriter;
import java.util.Objects;

/**
 * Receives every frame a context sends and receives, on every one of its connections, in the order each connection
 * carries them (LSP4J's {@code traceMessages}): opt in with {@link IpcSettings.Builder#trace(MessageTrace)}.
 *
 * <p>{@link #frame} is called on the thread that hands the frame to the link or that read it — a transport's reader
 * thread included — so it must be thread-safe, quick, and must not block: a trace that waits holds up the
 * connection. A trace that throws is logged (at a bounded rate) and the frame goes on as if untraced. The two traces
 * the runtime provides keep to this: {@link #printingTo(PrintWriter)} hands the lines to a thread of its own (and
 * drops, counting, what a slow writer cannot keep up with), and {@link TraceRecorder} keeps the last frames in
 * memory (for a test report).
 */
@FunctionalInterface
public interface MessageTrace {

    /** One frame sent or received. */
    void frame(TracedFrame frame);

    /** This trace, then {@code next}, for each frame. */
    default MessageTrace andThen(MessageTrace next) {
        Objects.requireNonNull(next, "next");
        return frame -> {
            frame(frame);
            next.frame(frame);
        };
    }

    /**
     * A trace that writes each frame as one line ({@link TracedFrame#format()}) to {@code out}, on a thread of its
     * own; see {@link PrintingTrace}. Close it when done: that writes what is still queued.
     */
    static PrintingTrace printingTo(PrintWriter out) {
        return new PrintingTrace(out, PrintingTrace.DEFAULT_CAPACITY);
    }
}
