package io.typedipc.runtime;

import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.internal.wire.MethodCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A context's registry: at most one handler per channel (a second registration fails fast, as Electron's
 * {@code handle} does), any number of listeners per channel. Reads are lock-free; changes are serialised so a
 * dispatcher's bindings register all together or not at all.
 */
final class Handlers {

    /**
     * A request handler with the codec of its channel; {@code method} is {@code null} for untyped handlers;
     * {@code spent} is {@code null} unless the handler serves only one request ({@code handleOnce}).
     */
    record HandlerEntry(MethodDescriptor<?> method, MethodCodec codec, IpcHandler handler, AtomicBoolean spent) {
        /** Whether the handler's result may be a future to wait for: typed async methods and every untyped handler. */
        boolean completesLater() {
            return method == null || method.kind() == MethodDescriptor.Kind.ASYNC;
        }

        /** Takes the right to run: always for ordinary handlers, once for {@code handleOnce} ones. */
        boolean claim() {
            return spent == null || spent.compareAndSet(false, true);
        }
    }

    /** A one-way listener with the codec of its channel; {@code spent} is {@code null} unless registered with {@code once}. */
    record ListenerEntry(MethodDescriptor<?> method, MethodCodec codec, IpcListener listener, AtomicBoolean spent) {
        boolean claim() {
            return spent == null || spent.compareAndSet(false, true);
        }

        /** Whether it may still run: not a {@code once} listener that has already fired. */
        boolean live() {
            return spent == null || !spent.get();
        }
    }

    private final Map<String, HandlerEntry> handlers = new ConcurrentHashMap<>();
    private final Map<String, List<ListenerEntry>> listeners = new ConcurrentHashMap<>();

    HandlerEntry handler(String channel) {
        return handlers.get(channel);
    }

    List<ListenerEntry> listeners(String channel) {
        List<ListenerEntry> list = listeners.get(channel);
        return list == null ? List.of() : list;
    }

    /** How many listeners {@code channel} has, typed ones included and fired {@code once} ones not. */
    int listenerCount(String channel) {
        return (int) listeners(channel).stream().filter(ListenerEntry::live).count();
    }

    /** The channels that have a listener that may still run, sorted. */
    List<String> listenedChannels() {
        return listeners.keySet().stream().filter(channel -> listenerCount(channel) > 0).sorted().toList();
    }

    /** Adds handlers and listeners together: if any channel already has a handler, none is added. */
    synchronized Registration add(Map<String, HandlerEntry> newHandlers, Map<String, ListenerEntry> newListeners) {
        for (String channel : newHandlers.keySet()) {
            if (handlers.containsKey(channel)) {
                throw new IllegalStateException("channel '" + channel + "' already has a handler;"
                        + " remove it first (removeHandler or close its Registration)");
            }
        }
        handlers.putAll(newHandlers);
        newListeners.forEach((channel, entry) ->
                listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(entry));
        List<Map.Entry<String, HandlerEntry>> addedHandlers = new ArrayList<>(newHandlers.entrySet());
        List<Map.Entry<String, ListenerEntry>> addedListeners = new ArrayList<>(newListeners.entrySet());
        return () -> {
            synchronized (this) {
                addedHandlers.forEach(e -> handlers.remove(e.getKey(), e.getValue()));
                addedListeners.forEach(e -> remove(e.getKey(), e.getValue()));
            }
        };
    }

    synchronized void removeHandler(String channel) {
        handlers.remove(channel);
    }

    /** Removes this very handler registration (a spent {@code handleOnce}), if it is still the channel's handler. */
    synchronized void remove(String channel, HandlerEntry entry) {
        handlers.remove(channel, entry);
    }

    /** Removes every registration of {@code listener} on {@code channel}. */
    synchronized void removeListener(String channel, IpcListener listener) {
        List<ListenerEntry> list = listeners.get(channel);
        if (list != null) {
            list.removeIf(entry -> entry.listener() == listener);
            if (list.isEmpty()) {
                listeners.remove(channel);
            }
        }
    }

    /** Removes every listener of {@code channel}, or of every channel when {@code channel} is {@code null}. */
    synchronized void removeAllListeners(String channel) {
        if (channel == null) {
            listeners.clear();
        } else {
            listeners.remove(channel);
        }
    }

    /** Removes one listener registration. */
    synchronized void remove(String channel, ListenerEntry entry) {
        List<ListenerEntry> list = listeners.get(channel);
        if (list != null) {
            list.remove(entry);
            if (list.isEmpty()) {
                listeners.remove(channel);
            }
        }
    }
}
