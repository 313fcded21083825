package io.typedipc.benchmarks.impl;

import io.typedipc.benchmarks.harness.Frames;
import io.typedipc.runtime.transport.spi.Link;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An experiment, not a product transport: a {@link Link} over byte streams that writes each frame on the sending
 * thread (under a lock, one flush per frame) instead of handing it to a writer thread, and reads with a buffered
 * frame reader. It has none of {@code StreamLink}'s bounded queue or stall detection. It exists to measure what
 * proposals P2 and P3 in docs/benchmarks.md would give: run with {@code -Dbench.link=direct}.
 */
final class DirectLink implements Link {
    private final InputStream in;
    private final OutputStream out;
    private final Closeable resource;
    private final String description;
    private final HeaderCache headers = new HeaderCache();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean closeFired = new AtomicBoolean();
    private volatile Listener listener;

    DirectLink(InputStream in, OutputStream out, Closeable resource, String description) {
        this.in = in;
        this.out = new BufferedOutputStream(out, 64 * 1024);
        this.resource = resource;
        this.description = description;
    }

    @Override
    public void start(Listener listener) {
        this.listener = listener;
        Thread reader = new Thread(this::readLoop, "direct-link-reader " + description);
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop() {
        Frames.Reader frames = new Frames.Reader(in);
        Throwable cause = null;
        try {
            while (frames.next()) {
                listener.onFrame(Arrays.copyOf(frames.body(), frames.length()));
            }
        } catch (IOException | RuntimeException e) {
            cause = closed.get() ? null : e;
        }
        close();
        fireClose(cause);
    }

    @Override
    public void send(byte[] frame) throws IOException {
        if (closed.get()) {
            throw new IOException(description + " is closed");
        }
        synchronized (out) {
            out.write(headers.header(frame.length));
            out.write(frame);
            out.flush();
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            synchronized (out) {
                out.close();
            }
        } catch (IOException ignored) {
            // the peer may be gone already
        }
        try {
            in.close();
            if (resource != null) {
                resource.close();
            }
        } catch (IOException ignored) {
            // nothing more to release
        }
        fireClose(null);
    }

    private void fireClose(Throwable cause) {
        Listener target = listener;
        if (target != null && closeFired.compareAndSet(false, true)) {
            target.onClose(cause);
        }
    }

    @Override
    public String describe() {
        return description;
    }
}
