package io.typedipc.runtime;

import java.util.Objects;

/**
 * Something that went wrong in a context without reaching a caller as an exception of its own: a handler or listener
 * that threw, a peer that broke the protocol, a reply that could not be sent. The runtime logs each of these (at
 * {@code WARNING} or {@code ERROR}) and also hands it to the listeners registered with
 * {@link IpcContext#onError}: that is how a test fails on them ({@code typed-ipc-testing} does) and how an
 * application counts them.
 *
 * @param kind what went wrong
 * @param channel the channel of the message concerned, or {@code null} when there is none (a frame that is not
 *     JSON, say)
 * @param peer who the message came from or went to, as the logs name it ({@code "renderer panel#3"}, {@code "main"}),
 *     or {@code null} when no peer is concerned (a package's unload hook)
 * @param message what happened, in the words of the log line (never {@code null}; may quote the peer's input,
 *     shortened and made safe for a log)
 * @param cause the exception thrown, or {@code null} when nothing was thrown (a protocol violation)
 */
public record IpcError(Kind kind, String channel, String peer, String message, Throwable cause) {

    /** What went wrong. */
    public enum Kind {
        /**
         * A handler threw an exception its channel does not declare (its caller got a {@link RemoteException}), or a
         * listener answering a request threw.
         */
        HANDLER_FAILED,
        /** A listener of a one-way message threw: nobody else hears of it. */
        LISTENER_FAILED,
        /**
         * A peer sent something the protocol does not allow: a frame that is not JSON-RPC, arguments that do not fit
         * the channel, a malformed {@code $/route}, more requests in flight than it may have. The peer was answered
         * with an error where it had asked for a reply.
         */
        PROTOCOL_VIOLATION,
        /** A handler's result could not be sent (it could not be encoded, or is over the frame limit). */
        REPLY_FAILED,
        /**
         * A callback of the application's that is not a handler threw: a renderer-connected or -disconnected
         * listener, or a package's unload hook.
         */
        CALLBACK_FAILED
    }

    public IpcError {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return kind + (channel == null ? "" : " on " + channel) + (peer == null ? "" : " (" + peer + ")") + ": "
                + message + (cause == null ? "" : " [" + cause + "]");
    }
}
