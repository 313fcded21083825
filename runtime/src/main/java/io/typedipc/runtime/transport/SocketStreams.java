package io.typedipc.runtime.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Blocking streams over a {@link SocketChannel}, for one reader thread and one writer thread at the same time.
 * ({@code Channels.newInputStream} and {@code newOutputStream} share the channel's blocking lock, so on some JDKs a
 * writer waits for a blocked reader.) Closing the output only shuts down the sending half; closing the input closes
 * the channel.
 */
public final class SocketStreams {
    private SocketStreams() {}

    /** An input stream over {@code channel}; closing it closes the channel. */
    public static InputStream input(SocketChannel channel) {
        return new InputStream() {
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
                return channel.read(ByteBuffer.wrap(bytes, offset, length));
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    /** An output stream over {@code channel}; closing it shuts down only the sending half. */
    public static OutputStream output(SocketChannel channel) {
        return new ChannelOutput(channel);
    }

    /**
     * The output over a socket channel. {@link StreamLink} lets callers write on their own thread only to this kind
     * of stream: closing the channel releases a thread blocked in {@link #write}, so a stalled write can be ended.
     */
    static final class ChannelOutput extends OutputStream {
        private final SocketChannel channel;

        ChannelOutput(SocketChannel channel) {
            this.channel = channel;
        }

        /** The socket's send buffer size as the OS reports it, or 0 if it cannot say. */
        int sendBufferBytes() {
            try {
                return channel.getOption(StandardSocketOptions.SO_SNDBUF);
            } catch (IOException | UnsupportedOperationException e) {
                return 0;
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        @Override
        public void close() throws IOException {
            if (channel.isOpen()) {
                channel.shutdownOutput();
            }
        }
    }
}
