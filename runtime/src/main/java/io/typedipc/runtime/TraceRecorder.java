package io.typedipc.runtime;

import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.List;

/**
 * A {@link MessageTrace} that keeps the last {@code capacity} frames in memory, to show what was said when something
 * went wrong (a test report, a diagnostic dump). Older frames fall off; {@link #droppedFrames()} counts them.
 * Thread-safe; {@link #frame} only takes a lock for an array store, so it never holds up a connection.
 */
public final class TraceRecorder implements MessageTrace {
    /** How many frames a recorder keeps unless told: {@value}. */
    public static final int DEFAULT_CAPACITY = 1000;

    private final int capacity;
    private final ArrayDeque<TracedFrame> frames;
    private long dropped;

    /** A recorder of the last {@link #DEFAULT_CAPACITY} frames. */
    public TraceRecorder() {
        this(DEFAULT_CAPACITY);
    }

    /** A recorder of the last {@code capacity} frames (at least 1). */
    public TraceRecorder(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.frames = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    @Override
    public void frame(TracedFrame frame) {
        java.util.Objects.requireNonNull(frame, "frame");
        synchronized (frames) {
            if (frames.size() == capacity) {
                frames.removeFirst();
                dropped++;
            }
            frames.addLast(frame);
        }
    }

    /** The frames kept, oldest first. */
    public List<TracedFrame> frames() {
        synchronized (frames) {
            return List.copyOf(frames);
        }
    }

    /** How many frames fell off the front because more than the capacity arrived. */
    public long droppedFrames() {
        synchronized (frames) {
            return dropped;
        }
    }

    /** Forgets the frames kept (and the count of dropped ones). */
    public void clear() {
        synchronized (frames) {
            frames.clear();
            dropped = 0;
        }
    }

    /** Writes the frames kept, one line each ({@link TracedFrame#format()}), after a line saying how many fell off. */
    public void writeTo(PrintWriter out) {
        List<TracedFrame> kept;
        long lost;
        synchronized (frames) {
            kept = List.copyOf(frames);
            lost = dropped;
        }
        if (lost > 0) {
            out.println("... " + lost + " earlier frames not kept (TraceRecorder capacity " + capacity + ")");
        }
        for (TracedFrame frame : kept) {
            out.println(frame.format());
        }
        out.flush();
    }
}
