package io.typedipc.runtime;

import io.typedipc.runtime.codegen.MethodDescriptor;

/**
 * Somewhere one-way messages can go: a single peer ({@link IpcPeer}), or several at once, such as a broadcast to
 * every renderer. Nothing comes back, so a request cannot be made through it — which is why generated senders of
 * interfaces whose methods are all one-way accept a {@code OneWayPeer}, and senders of interfaces with request
 * methods require an {@link IpcPeer}: a broadcast sender for a channel with replies does not compile.
 */
public interface OneWayPeer {

    /** Sends a one-way message (Electron's {@code send}). Arguments are encoded with their runtime types. */
    void send(String channel, Object... args);

    /** Sends a typed one-way message. */
    void send(MethodDescriptor<?> method, Object... args);
}
