package io.typedipc.runtime.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Streams over a {@link SocketChannel}, for one reader thread and one writer thread at the same time.
 * ({@code Channels.newInputStream} and {@code newOutputStream} share the channel's blocking lock, so on some JDKs a
 * writer waits for a blocked reader.) Closing the output only shuts down the sending half; closing the input closes
 * the channel.
 *
 * <p>The streams start in the channel's blocking mode (a handshake reads and writes through them). A
 * {@link StreamLink} switches them to non-blocking mode when it starts ({@link ChannelOutput#startNonBlocking}):
 * then any thread may offer bytes with {@link ChannelOutput#writeNow}, which takes what the OS accepts and never
 * waits; reading and {@link OutputStream#write} still behave as blocking streams (they wait on a selector), and a
 * write that makes no progress for the stall timeout fails instead of waiting forever.
 */
public final class SocketStreams {
    /** How often a reader waiting on its selector looks whether the channel was closed behind its back. */
    private static final long CLOSED_CHECK_MILLIS = 1000;
    /** A waiting stream has one key and only needs to wake; the caller then reads or writes again. */
    private static final java.util.function.Consumer<SelectionKey> IGNORE_KEY = key -> { };

    private SocketStreams() {}

    /** An input stream over {@code channel}; closing it closes the channel. */
    public static InputStream input(SocketChannel channel) {
        return new ChannelInput(channel);
    }

    /** An output stream over {@code channel}; closing it shuts down only the sending half. */
    public static OutputStream output(SocketChannel channel) {
        return new ChannelOutput(channel);
    }

    /** The input over a socket channel, in blocking or non-blocking mode. */
    private static final class ChannelInput extends InputStream {
        private final SocketChannel channel;
        private Selector selector;
        private boolean closed;
        /** The last array read into, wrapped: a frame reader reads into one array again and again. */
        private ByteBuffer wrapped = ByteBuffer.allocate(0);

        ChannelInput(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            ByteBuffer buffer = wrapped.hasArray() && wrapped.array() == bytes ? wrapped : ByteBuffer.wrap(bytes);
            wrapped = buffer;
            buffer.limit(offset + length).position(offset);
            while (true) {
                int n = channel.read(buffer);
                if (n != 0) {
                    return n;
                }
                awaitReadable(); // non-blocking mode, nothing there yet
            }
        }

        private void awaitReadable() throws IOException {
            Selector waitOn;
            synchronized (this) {
                if (closed) {
                    throw new AsynchronousCloseException();
                }
                if (selector == null) {
                    selector = Selector.open();
                    channel.register(selector, SelectionKey.OP_READ);
                }
                waitOn = selector;
            }
            try {
                waitOn.select(IGNORE_KEY, CLOSED_CHECK_MILLIS); // with an action: no selected-key set to fill

            } catch (ClosedSelectorException e) {
                throw new AsynchronousCloseException();
            }
            if (!channel.isOpen()) {
                throw new AsynchronousCloseException();
            }
        }

        @Override
        public void close() throws IOException {
            Selector toClose;
            synchronized (this) {
                closed = true;
                toClose = selector;
            }
            try {
                if (toClose != null) {
                    toClose.close(); // wakes a waiting reader, and lets the channel's close really close the socket
                }
            } finally {
                channel.close();
            }
        }
    }

    /**
     * The output over a socket channel. In non-blocking mode ({@link #startNonBlocking}) {@link #writeNow} lets any
     * thread write without waiting, which is how {@link StreamLink} lets callers and the dispatch thread write their
     * own frames.
     */
    static final class ChannelOutput extends OutputStream {
        private final SocketChannel channel;
        private volatile long stallNanos;
        private Selector selector; // used by one writing thread at a time, and by close
        private boolean closed;

        ChannelOutput(SocketChannel channel) {
            this.channel = channel;
        }

        /** Switches the channel to non-blocking mode; a write with no progress for {@code stall} then fails. */
        void startNonBlocking(Duration stall) throws IOException {
            stallNanos = stall.toNanos();
            channel.configureBlocking(false);
        }

        /** The socket's send buffer size as the OS reports it, or 0 if it cannot say. */
        int sendBufferBytes() {
            try {
                return channel.getOption(StandardSocketOptions.SO_SNDBUF);
            } catch (IOException | UnsupportedOperationException e) {
                return 0;
            }
        }

        /**
         * Writes as much of {@code buffers} as the OS accepts now, never waiting (non-blocking mode only); one
         * gathering write, repeated while it makes progress.
         *
         * @return whether everything was written
         */
        boolean writeNow(ByteBuffer[] buffers) throws IOException {
            ByteBuffer last = buffers[buffers.length - 1];
            while (last.hasRemaining()) {
                if (channel.write(buffers) == 0) {
                    return !last.hasRemaining();
                }
            }
            return true;
        }

        /** {@link #writeNow(ByteBuffer[])} for one buffer. */
        boolean writeNow(ByteBuffer buffer) throws IOException {
            while (buffer.hasRemaining()) {
                if (channel.write(buffer) == 0) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            long deadline = 0;
            while (buffer.hasRemaining()) {
                if (channel.write(buffer) > 0) {
                    deadline = 0;
                } else if (!channel.isBlocking()) {
                    // The socket's buffer is full: wait for room, but not past the stall timeout without progress.
                    long now = System.nanoTime();
                    if (deadline == 0) {
                        deadline = now + stallNanos;
                    } else if (now - deadline >= 0) {
                        throw new StallException(TimeUnit.NANOSECONDS.toMillis(stallNanos));
                    }
                    awaitWritable(deadline - now);
                }
            }
        }

        private void awaitWritable(long nanos) throws IOException {
            Selector waitOn;
            synchronized (this) {
                if (closed) {
                    throw new AsynchronousCloseException();
                }
                if (selector == null) {
                    selector = Selector.open();
                    channel.register(selector, SelectionKey.OP_WRITE);
                }
                waitOn = selector;
            }
            try {
                waitOn.select(IGNORE_KEY, Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)));
            } catch (ClosedSelectorException e) {
                throw new AsynchronousCloseException();
            }
        }

        @Override
        public void close() throws IOException {
            Selector toClose;
            synchronized (this) {
                closed = true;
                toClose = selector;
            }
            try {
                if (channel.isOpen()) {
                    channel.shutdownOutput();
                }
            } finally {
                if (toClose != null) {
                    toClose.close();
                }
            }
        }
    }

    /** A socket write that made no progress for the stall timeout: the peer has stopped reading. */
    static final class StallException extends IOException {
        private static final long serialVersionUID = 1L;

        StallException(long millis) {
            super("has read nothing for " + millis + " ms while a frame was being written");
        }
    }
}
