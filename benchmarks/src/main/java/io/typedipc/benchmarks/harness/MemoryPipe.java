package io.typedipc.benchmarks.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * An in-memory byte pipe (a bounded ring buffer) for running LSP4J with both ends in one JVM: one writer thread at a
 * time, one reader thread. {@code java.io.PipedInputStream} is not used because it polls once a second and breaks
 * when the last writing thread ends.
 */
public final class MemoryPipe {
    private final byte[] ring;
    private int readPos;
    private int size;
    private boolean closed;
    private final InputStream in = new In();
    private final OutputStream out = new Out();

    public MemoryPipe(int capacity) {
        ring = new byte[capacity];
    }

    public InputStream in() {
        return in;
    }

    public OutputStream out() {
        return out;
    }

    private final class In extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            synchronized (MemoryPipe.this) {
                while (size == 0) {
                    if (closed) {
                        return -1;
                    }
                    waitOnPipe();
                }
                int n = Math.min(len, size);
                int first = Math.min(n, ring.length - readPos);
                System.arraycopy(ring, readPos, b, off, first);
                System.arraycopy(ring, 0, b, off + first, n - first);
                readPos = (readPos + n) % ring.length;
                size -= n;
                MemoryPipe.this.notifyAll();
                return n;
            }
        }

        @Override
        public void close() {
            closePipe();
        }
    }

    private final class Out extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (MemoryPipe.this) {
                while (len > 0) {
                    if (closed) {
                        throw new IOException("pipe closed");
                    }
                    int free = ring.length - size;
                    if (free == 0) {
                        waitOnPipe();
                        continue;
                    }
                    int n = Math.min(len, free);
                    int writePos = (readPos + size) % ring.length;
                    int first = Math.min(n, ring.length - writePos);
                    System.arraycopy(b, off, ring, writePos, first);
                    System.arraycopy(b, off + first, ring, 0, n - first);
                    size += n;
                    off += n;
                    len -= n;
                    MemoryPipe.this.notifyAll();
                }
            }
        }

        @Override
        public void close() {
            closePipe();
        }
    }

    private synchronized void closePipe() {
        closed = true;
        notifyAll();
    }

    private void waitOnPipe() throws InterruptedIOException {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting on the pipe");
        }
    }
}
