package io.typedipc.runtime.transport.spi;

import java.io.IOException;

/**
 * A message-oriented, bidirectional connection to one peer: the one interface every transport implements (in-process,
 * child-process stdio, sockets). A frame is one complete UTF-8 JSON message; a byte-stream transport adds and strips
 * its framing. The runtime owns a link once it is handed over.
 */
public interface Link {

    /**
     * Starts delivering incoming frames to {@code listener}. Called once. Frames arriving before this are kept and
     * delivered, in order, after it.
     */
    void start(Listener listener);

    /**
     * Sends one frame. The link takes ownership of the array. Frames from one thread go out in the order sent.
     *
     * @throws IOException if the link is closed or the peer is gone
     */
    void send(byte[] frame) throws IOException;

    /**
     * Sends one frame if that needs no waiting, and returns {@code false} instead of waiting when the link's outgoing
     * queue is full (the peer has stopped reading). The runtime sends its replies this way, so a peer that never
     * reads them cannot stall the thread that serves every other peer. A link that never waits just sends.
     *
     * @throws IOException if the link is closed or the frame is over the link's size limit
     */
    default boolean offer(byte[] frame) throws IOException {
        send(frame);
        return true;
    }

    /** Closes the link; the listener then receives {@link Listener#onClose}. Closing twice does nothing. */
    void close();

    /** A short description for logs and errors, such as {@code "in-process"} or {@code "stdio pid 4242"}. */
    String describe();

    /** Receives what arrives on a link. Called from the link's own thread; must not block for long. */
    interface Listener {

        /** One complete frame. */
        void onFrame(byte[] frame);

        /** The link is closed: {@code cause} is {@code null} for an orderly close, else what broke it. Called once. */
        void onClose(Throwable cause);
    }
}
