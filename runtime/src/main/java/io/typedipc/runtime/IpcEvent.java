package io.typedipc.runtime;

/**
 * The message being handled: its channel and who sent it. Untyped handlers and listeners receive it as an argument;
 * typed service implementations, whose methods have no place for it, call {@link #current()} — so a handler can
 * validate the sender (Electron's security checklist, item 17) and send back to it.
 */
public final class IpcEvent {
    private static final ThreadLocal<IpcEvent> CURRENT = new ThreadLocal<>();

    /** The id {@link #senderId()} gives for the main context. Renderers are numbered from 1 in connection order. */
    public static final int MAIN_ID = 0;

    private final String channel;
    private final IpcPeer sender;
    private final int senderId;
    private final String senderName;

    IpcEvent(String channel, IpcPeer sender, int senderId, String senderName) {
        this.channel = channel;
        this.sender = sender;
        this.senderId = senderId;
        this.senderName = senderName;
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

    /** Who sent the message: a {@link RendererHandle} in main, the main context in a renderer. */
    public IpcPeer sender() {
        return sender;
    }

    /** The sender's id, stable while it is connected: {@link #MAIN_ID} for main, else the renderer's id. */
    public int senderId() {
        return senderId;
    }

    /** The sender's name: {@code "main"}, or the name its renderer was connected under. */
    public String senderName() {
        return senderName;
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
        return "IpcEvent{" + channel + " from " + senderName + "#" + senderId + "}";
    }
}
