package io.typedipc.runtime;

import io.typedipc.runtime.internal.engine.Connection;
import java.time.Instant;
import java.util.Optional;

/**
 * The message being handled: its channel and who sent it. Untyped handlers and listeners receive it as an argument;
 * typed service implementations, whose methods have no place for it, call {@link #current()} — so a handler can
 * validate the sender (Electron's security checklist, item 17) and send back to it, untyped or typed:
 *
 * <pre>{@code
 * IpcEvent event = IpcEvent.current();
 * if (!event.senderName().equals("inspector")) throw new SecurityException("not for " + event.senderName());
 * new SceneEventsSender(event.sender()).selectionChanged(uuid);   // a generated sender bound to the sender
 * }</pre>
 *
 * <p>A listener registered with {@code on} also receives requests on its channel when the channel has no handler
 * (Electron's {@code sendSync} + {@code event.returnValue}): it answers with {@link #setReturnValue}.
 */
public final class IpcEvent {
    private static final ThreadLocal<IpcEvent> CURRENT = new ThreadLocal<>();

    /** The id {@link #senderId()} gives for the main context. Renderers are numbered from 1 in connection order. */
    public static final int MAIN_ID = Connection.MAIN_ID;

    private final String channel;
    private final IpcPeer sender;
    private final int senderId;
    private final String senderName;
    private final boolean routed;
    private final boolean expectsReply;
    /** When the sender stops waiting, in {@link System#nanoTime()} time, if {@link #hasDeadline}. */
    private final long deadlineNanos;
    private final boolean hasDeadline;
    private volatile boolean returnValueSet;
    private volatile Object returnValue;

    IpcEvent(String channel, IpcPeer sender, int senderId, String senderName, boolean routed, boolean expectsReply,
            boolean hasDeadline, long deadlineNanos) {
        this.hasDeadline = hasDeadline;
        this.deadlineNanos = deadlineNanos;
        this.channel = channel;
        this.sender = sender;
        this.senderId = senderId;
        this.senderName = senderName;
        this.routed = routed;
        this.expectsReply = expectsReply;
    }

    /**
     * The event of the message whose handler is running on this thread. Valid until the handler returns (for an
     * asynchronous handler: until it returns its future; capture the event before that if you need it later).
     *
     * @throws IllegalStateException when called outside a handler
     */
    public static IpcEvent current() {
        IpcEvent event = CURRENT.get();
        if (event == null) {
            throw new IllegalStateException("IpcEvent.current() is only available while a handler runs");
        }
        return event;
    }

    /** The channel id the message was sent on. */
    public String channel() {
        return channel;
    }

    /**
     * When the request's answer stops being waited for, if the sender said: for a request straight from its sender,
     * the sender's deadline as the request carried it ({@code deadlineMillis}, the time that was left when it was
     * written, counted from when it arrived here: the two clocks need not agree); for a request another renderer
     * routed through main, the end of main's wait for the answer (the origin's deadline, at most
     * {@code WireLimits.maxPeerDeadline()}), as main sent it along. Empty for one-way messages and for requests from
     * peers that send no deadline (other JSON-RPC libraries). Each side still enforces its own deadline
     * (docs/protocol.md); a handler can use this one to give up early on work whose answer nobody will read.
     */
    public Optional<Instant> deadline() {
        // Kept as monotonic time, turned into wall-clock time only when asked: most handlers never ask.
        return hasDeadline ? Optional.of(Instant.now().plusNanos(deadlineNanos - System.nanoTime())) : Optional.empty();
    }

    /**
     * Who sent the message, as a peer to message back: a {@link RendererHandle} in main; in a renderer, the main
     * context, or — for a message another renderer sent through main ({@link #isRouted()}) — a peer that routes back
     * to that renderer through main. Hand it to a generated sender to answer typed.
     */
    public IpcPeer sender() {
        return sender;
    }

    /** In main: the handle of the renderer that sent the message. Empty in renderers. */
    public Optional<RendererHandle> senderHandle() {
        return sender instanceof RendererHandle handle ? Optional.of(handle) : Optional.empty();
    }

    /**
     * The sender's id, stable while it is connected: {@link #MAIN_ID} for main, else the id main gave the renderer
     * (also for routed messages, so {@code renderer.peer(event.senderId())} reaches the sender).
     */
    public int senderId() {
        return senderId;
    }

    /** The sender's name: {@code "main"}, or the name its renderer was connected under. */
    public String senderName() {
        return senderName;
    }

    /** Whether another renderer sent this message through main ({@code renderer.peer(...)} or a renderer's broadcast). */
    public boolean isRouted() {
        return routed;
    }

    /** Whether the message is a request that waits for a reply (as opposed to a one-way message). */
    public boolean expectsReply() {
        return expectsReply;
    }

    /**
     * Answers the request this listener received (Electron's {@code event.returnValue = value}). Only listeners
     * registered with {@code on}/{@code once} use it, and only for requests on a channel that has no handler; the
     * last value set wins. A {@link java.util.concurrent.CompletionStage} is waited for, as a handler's would be.
     * Ignored for one-way messages ({@link #expectsReply()} is {@code false}).
     */
    public void setReturnValue(Object value) {
        this.returnValue = value;
        this.returnValueSet = true;
    }

    /** The value set with {@link #setReturnValue}, or {@code null}. */
    public Object returnValue() {
        return returnValue;
    }

    /** Whether a listener set a return value. */
    public boolean hasReturnValue() {
        return returnValueSet;
    }

    /** Sends a one-way message back to the sender (Electron's {@code event.reply}). */
    public void reply(String channel, Object... args) {
        sender.send(channel, args);
    }

    /** Runs {@code body} with this event as {@link #current()}, restoring what was current before (handlers nest). */
    <T> T runAsCurrent(ThrowingSupplier<T> body) throws Exception {
        IpcEvent previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return body.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    @FunctionalInterface
    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    @Override
    public String toString() {
        return "IpcEvent{" + channel + " from " + senderName + "#" + senderId + (routed ? " via main" : "") + "}";
    }
}
