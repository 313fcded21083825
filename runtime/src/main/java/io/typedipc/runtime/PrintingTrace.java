package io.typedipc.runtime;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link MessageTrace} that writes one line per frame ({@link TracedFrame#format()}) to a {@link PrintWriter}, on
 * its own daemon thread ({@code typed-ipc-trace-writer}), so a slow writer never holds up a connection: frames wait
 * in a queue of {@code capacity} frames, and when it is full a frame is not written; the next line written says how
 * many were left out ({@code ... N frames not traced: the trace writer fell behind}). Lines go out in the order
 * frames were traced, flushed whenever the queue is empty.
 *
 * <p>{@link #close()} stops taking frames, writes those still queued, flushes and ends the thread; it does not close
 * the writer. Thread-safe.
 */
public final class PrintingTrace implements MessageTrace, AutoCloseable {
    /** How many frames wait for the writer at most, unless set: {@value}. */
    public static final int DEFAULT_CAPACITY = 10_000;
    /** How long {@link #close()} waits for the queued lines to be written. */
    private static final long CLOSE_WAIT_SECONDS = 30;

    private final PrintWriter out;
    private final BlockingQueue<Object> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;

    /**
     * @param out where the lines go
     * @param capacity how many frames may wait to be written (at least 1)
     */
    public PrintingTrace(PrintWriter out, int capacity) {
        this.out = Objects.requireNonNull(out, "out");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = new Thread(this::writeLines, "typed-ipc-trace-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void frame(TracedFrame frame) {
        Objects.requireNonNull(frame, "frame");
        if (closed || !queue.offer(frame)) {
            dropped.incrementAndGet();
        }
    }

    /** How many frames were not written because the queue was full or the trace closed. */
    public long droppedFrames() {
        return dropped.get();
    }

    /**
     * Stops taking frames, writes those still queued and flushes (waiting up to 30 seconds for a slow writer).
     * Closing twice does nothing.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // The writer makes room as it writes; a writer stuck for the whole wait leaves its thread (a daemon) behind.
            if (queue.offer(Marker.END, CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                writer.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private enum Marker { END }

    private void writeLines() {
        long reported = 0;
        while (true) {
            Object next;
            try {
                next = queue.poll();
                if (next == null) {
                    out.flush();
                    next = queue.take();
                }
            } catch (InterruptedException e) {
                return; // only close() ends this thread; an interrupt from elsewhere ends it too
            }
            long lost = dropped.get();
            if (lost > reported) {
                out.println("... " + (lost - reported) + " frames not traced: the trace writer fell behind");
                reported = lost;
            }
            if (next == Marker.END) {
                out.flush();
                return;
            }
            out.println(((TracedFrame) next).format());
        }
    }
}
