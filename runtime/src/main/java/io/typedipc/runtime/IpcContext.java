package io.typedipc.runtime;

import io.typedipc.runtime.wire.MethodCodec;
import io.typedipc.runtime.wire.WireFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What the main context and renderer contexts share: the registry of handlers and listeners (the verbs of Electron's
 * {@code ipcMain} / {@code ipcRenderer}), the wire format, and where handlers run — the context's own dispatch
 * thread, one message at a time in arrival order, unless {@link IpcSettings.Builder#executor} supplies another.
 */
public abstract sealed class IpcContext implements AutoCloseable permits IpcMain, IpcRenderer {
    private final IpcSettings settings;
    private final WireFormat wire;
    private final Handlers handlers = new Handlers();
    private final DispatchLoop loop;

    IpcContext(IpcSettings settings, String threadName) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.wire = new WireFormat(settings.mapper());
        this.loop = settings.executor() == null ? new DispatchLoop(threadName) : null;
    }

    public IpcSettings settings() {
        return settings;
    }

    /**
     * Serves requests on {@code channel} (Electron's {@code handle}). Arguments arrive as JSON's natural Java types.
     *
     * @throws IllegalStateException if the channel already has a handler
     */
    public Registration handle(String channel, IpcHandler handler) {
        checkChannel(channel);
        Objects.requireNonNull(handler, "handler");
        return handlers.add(Map.of(channel, new Handlers.HandlerEntry(null, wire.untyped(), handler)), Map.of());
    }

    /** Removes the handler of {@code channel}, if any (Electron's {@code removeHandler}). */
    public void removeHandler(String channel) {
        checkChannel(channel);
        handlers.removeHandler(channel);
    }

    /** Listens for one-way messages on {@code channel} (Electron's {@code on}). A channel may have many listeners. */
    public Registration on(String channel, IpcListener listener) {
        checkChannel(channel);
        Objects.requireNonNull(listener, "listener");
        return handlers.add(Map.of(), Map.of(channel, new Handlers.ListenerEntry(null, wire.untyped(), listener)));
    }

    /** Removes {@code listener} from {@code channel} (Electron's {@code off}). */
    public void off(String channel, IpcListener listener) {
        checkChannel(channel);
        Objects.requireNonNull(listener, "listener");
        handlers.removeListener(channel, listener);
    }

    /**
     * Registers a typed service's bindings, all or none; generated dispatchers call this. Closing the returned
     * registration removes them all.
     *
     * @throws IllegalStateException if one of the channels already has a handler (then nothing is registered)
     */
    public Registration register(List<Binding> bindings) {
        Objects.requireNonNull(bindings, "bindings");
        Map<String, Handlers.HandlerEntry> newHandlers = new LinkedHashMap<>();
        Map<String, Handlers.ListenerEntry> newListeners = new LinkedHashMap<>();
        for (Binding binding : bindings) {
            MethodDescriptor<?> method = binding.method();
            MethodCodec codec = wire.codec(method);
            boolean duplicate = binding.handler() != null
                    ? newHandlers.put(method.channel(), new Handlers.HandlerEntry(method, codec, binding.handler())) != null
                    : newListeners.put(method.channel(), new Handlers.ListenerEntry(method, codec, binding.listener())) != null;
            if (duplicate) {
                throw new IllegalArgumentException("channel '" + method.channel() + "' is bound twice");
            }
        }
        return handlers.add(newHandlers, newListeners);
    }

    /** Closes the context: its connections close and every request still waiting on them fails. */
    @Override
    public abstract void close();

    // ---------------------------------------------------------------------------------- for the runtime itself

    WireFormat wire() {
        return wire;
    }

    Handlers handlers() {
        return handlers;
    }

    /** The context's own dispatch thread, or {@code null} when the application supplied an executor. */
    DispatchLoop loop() {
        return loop;
    }

    /** The executor for one connection's incoming messages: serial, so one peer's messages keep their order. */
    Executor newInboundExecutor() {
        return loop != null ? loop : new SerialExecutor(settings.executor());
    }

    /** Called once when one of this context's connections has closed. */
    abstract void connectionClosed(Connection connection, Throwable cause);

    /** Stops the dispatch thread after what is queued; called by {@link #close()}. */
    void stopDispatching() {
        if (loop != null) {
            loop.shutdown();
        }
    }

    static void checkChannel(String channel) {
        Objects.requireNonNull(channel, "channel");
        if (channel.isEmpty()) {
            throw new IllegalArgumentException("a channel id cannot be empty");
        }
        if (channel.startsWith("$/")) {
            throw new IllegalArgumentException("channel ids starting with \"$/\" are reserved for the protocol: " + channel);
        }
    }
}
