package io.typedipc.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One call as an {@link IpcInterceptor} sees it: which way it goes, its channel and kind, the peer at the other end,
 * and its arguments. Immutable.
 */
public final class IpcCall {

    /** Whether this context makes the call or serves it. */
    public enum Direction {
        /** This context sends the call (a client call, in gRPC's terms). */
        OUTGOING,
        /** This context serves the call (a server call). */
        INCOMING
    }

    /** What kind of message the call is. */
    public enum Kind {
        /** A request whose caller blocks for the reply ({@code sendSync}, a typed method with a plain result). */
        SYNC,
        /**
         * A request whose caller gets a future ({@code invoke}, a typed {@code CompletableFuture} method). Incoming
         * requests are always {@code REQUEST}: the wire does not say whether the caller blocks.
         */
        REQUEST,
        /** A one-way message ({@code send}, a {@code void} method, a broadcast). */
        ONE_WAY
    }

    /** How a call ended. */
    public enum Outcome {
        /** A result came back (outgoing), or was sent (incoming); a one-way message was sent or delivered. */
        OK,
        /** The handler threw one of the method's declared exceptions ({@link ErrorCodes#DECLARED_ERROR}). */
        DECLARED_ERROR,
        /**
         * Any other error reply: the handler failed ({@link RemoteException}), no handler, arguments that do not fit,
         * a renderer that is not connected…; {@link Result#errorCode()} says which. For an outgoing call also a
         * failure before anything was sent (a message over the frame limit).
         */
        ERROR,
        /** The deadline passed ({@link IpcTimeoutException}). */
        TIMEOUT,
        /** The call was cancelled: the caller cancelled its future, or the peer sent {@code $/cancelRequest}. */
        CANCELLED,
        /** The connection closed before the call was over ({@link IpcDisconnectedException}). */
        DISCONNECTED,
        /** An interceptor refused it ({@link IpcRefusedException}), here or, for an outgoing call, at the peer. */
        REFUSED
    }

    /**
     * How a call ended.
     *
     * @param outcome what happened
     * @param errorCode the JSON-RPC code of the failure ({@link ErrorCodes}); 0 for {@link Outcome#OK}
     * @param failure what the caller got (outgoing) or what the handler threw (incoming), when there is one
     * @param duration from {@link IpcCall#startTime()} to the end: for an outgoing request until the caller had the
     *     reply, for an incoming request until the reply was handed to the link
     * @param bytesOut the size of the frames this context sent for the call (the request, or the reply)
     * @param bytesIn the size of the frames it received for it (the reply, or the request)
     */
    public record Result(Outcome outcome, int errorCode, Optional<Throwable> failure, Duration duration, long bytesOut,
            long bytesIn) {
    }

    private final Direction direction;
    private final Kind kind;
    private final String channel;
    private final IpcContext context;
    private final String peer;
    private final List<Object> arguments;
    private final IpcEvent event;
    private final Instant startTime;

    IpcCall(Direction direction, Kind kind, String channel, IpcContext context, String peer, Object[] arguments,
            IpcEvent event) {
        this.direction = direction;
        this.kind = kind;
        this.channel = channel;
        this.context = context;
        this.peer = peer;
        this.arguments = arguments == null ? List.of() : Collections.unmodifiableList(Arrays.asList(arguments));
        this.event = event;
        this.startTime = Instant.now();
    }

    public Direction direction() {
        return direction;
    }

    public Kind kind() {
        return kind;
    }

    /** The channel id. */
    public String channel() {
        return channel;
    }

    /** The context that makes or serves the call. */
    public IpcContext context() {
        return context;
    }

    /**
     * The other end: for an outgoing call the target ({@code "main"}, {@code "renderer panel#1"},
     * {@code "renderer 'inspector' via main"}, {@code "every renderer"}); for an incoming one the sender, as
     * {@code "main"}, {@code "renderer panel#1"}, or {@code "renderer panel#1 via main"} for a routed message.
     */
    public String peer() {
        return peer;
    }

    /**
     * The arguments: as the caller passed them (outgoing), or as the handler receives them (incoming; for a message
     * served by listeners, as the first listener receives them). Read-only; the elements are the call's own objects,
     * so do not change them.
     */
    public List<Object> arguments() {
        return arguments;
    }

    /**
     * For an incoming call, the message's event: the sender's id, name, handle and whether it was routed
     * ({@link IpcEvent#senderId()}, {@link IpcEvent#senderName()}, …). Empty for outgoing calls.
     */
    public Optional<IpcEvent> event() {
        return Optional.ofNullable(event);
    }

    /** When the call was intercepted. */
    public Instant startTime() {
        return startTime;
    }

    @Override
    public String toString() {
        return direction.name().toLowerCase(java.util.Locale.ROOT) + " " + kind.name().toLowerCase(java.util.Locale.ROOT)
                + " " + channel + (direction == Direction.OUTGOING ? " to " : " from ") + peer;
    }
}
