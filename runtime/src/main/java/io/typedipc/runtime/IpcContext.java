package io.typedipc.runtime;

import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.internal.engine.Connection;
import io.typedipc.runtime.internal.engine.Deadlines;
import io.typedipc.runtime.internal.engine.DirectExecutor;
import io.typedipc.runtime.internal.engine.DispatchLoop;
import io.typedipc.runtime.internal.engine.FrameSink;
import io.typedipc.runtime.internal.engine.PendingCall;
import io.typedipc.runtime.internal.engine.RequestBudget;
import io.typedipc.runtime.internal.engine.Router;
import io.typedipc.runtime.internal.engine.SerialExecutor;
import io.typedipc.runtime.internal.engine.TracedLink;
import io.typedipc.runtime.internal.wire.MethodCodec;
import io.typedipc.runtime.internal.wire.Routing;
import io.typedipc.runtime.internal.wire.WireFormat;
import io.typedipc.runtime.transport.spi.Link;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the main context and renderer contexts share: the registry of handlers and listeners (the verbs of Electron's
 * {@code ipcMain} / {@code ipcRenderer}), the wire format, and where handlers run — the context's own dispatch
 * thread, one message at a time in arrival order, unless {@link IpcSettings.Builder#executor} supplies another.
 */
public abstract sealed class IpcContext implements AutoCloseable permits IpcMain, IpcRenderer {
    private static final int OPEN = 0;
    private static final int CLOSING = 1;
    private static final int CLOSED = 2;

    private final IpcSettings settings;
    private final WireFormat wire;
    private final Routing routing;
    private final Handlers handlers = new Handlers();
    private final DispatchLoop loop;
    private final AtomicInteger state = new AtomicInteger(OPEN);
    /** Requests and one-way messages received and not yet answered or delivered, plus our requests not yet answered. */
    private final AtomicInteger work = new AtomicInteger();
    private final CompletableFuture<Void> quiet = new CompletableFuture<>();
    private final IpcPackages packages = new IpcPackages(this);
    private final ErrorListeners errors = new ErrorListeners();
    /** Where this context's message trace goes, or {@code null} when it is off. */
    private final FrameSink trace;
    /** This context's interceptors and JFR call events. */
    private final CallObservation calls;
    /** What this context's connections ask of it. */
    private final Connection.Owner engine = new EnginePort(this);

    IpcContext(IpcSettings settings, String threadName) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.wire = new WireFormat(settings.mapper());
        this.routing = new Routing(settings.mapper());
        this.loop = settings.executor() == null && !settings.usesDirectExecutor() ? new DispatchLoop(threadName) : null;
        this.trace = TraceAdapter.of(settings);
        this.calls = new CallObservation(this, settings);
    }

    public IpcSettings settings() {
        return settings;
    }

    /** The {@link IpcPackage}s loaded in this context, and how to load and unload them. */
    public IpcPackages packages() {
        return packages;
    }

    /**
     * Serves requests on {@code channel} (Electron's {@code handle}). Arguments arrive as JSON's natural Java types.
     *
     * @throws IllegalStateException if the channel already has a handler
     */
    public Registration handle(String channel, IpcHandler handler) {
        checkChannel(channel);
        Objects.requireNonNull(handler, "handler");
        return handlers.add(Map.of(channel, new Handlers.HandlerEntry(null, wire.untyped(), handler, null)), Map.of());
    }

    /**
     * Serves the next request on {@code channel} only, then removes itself (Electron's {@code handleOnce}).
     *
     * @throws IllegalStateException if the channel already has a handler
     */
    public Registration handleOnce(String channel, IpcHandler handler) {
        checkChannel(channel);
        Objects.requireNonNull(handler, "handler");
        return handlers.add(Map.of(channel, new Handlers.HandlerEntry(null, wire.untyped(), handler, new AtomicBoolean())),
                Map.of());
    }

    /** Removes the handler of {@code channel}, if any (Electron's {@code removeHandler}). */
    public void removeHandler(String channel) {
        checkChannel(channel);
        handlers.removeHandler(channel);
    }

    /**
     * Listens for one-way messages on {@code channel} (Electron's {@code on}). A channel may have many listeners.
     * When the channel has no handler, its listeners also receive requests and answer them with
     * {@link IpcEvent#setReturnValue} (Electron's {@code sendSync} + {@code event.returnValue}).
     */
    public Registration on(String channel, IpcListener listener) {
        checkChannel(channel);
        Objects.requireNonNull(listener, "listener");
        return handlers.add(Map.of(), Map.of(channel, new Handlers.ListenerEntry(null, wire.untyped(), listener, null)));
    }

    /** Like {@link #on}, for the next message on {@code channel} only (Electron's {@code once}). */
    public Registration once(String channel, IpcListener listener) {
        checkChannel(channel);
        Objects.requireNonNull(listener, "listener");
        return handlers.add(Map.of(),
                Map.of(channel, new Handlers.ListenerEntry(null, wire.untyped(), listener, new AtomicBoolean())));
    }

    /** Removes {@code listener} from {@code channel} (Electron's {@code off}), also if registered with {@code once}. */
    public void off(String channel, IpcListener listener) {
        checkChannel(channel);
        Objects.requireNonNull(listener, "listener");
        handlers.removeListener(channel, listener);
    }

    /** The same as {@link #off}, under Electron's other name for it ({@code removeListener}). */
    public void removeListener(String channel, IpcListener listener) {
        off(channel, listener);
    }

    /**
     * How many listeners {@code channel} has (Electron's {@code listenerCount}): {@code on} and {@code once}
     * listeners, the one-way methods of registered dispatchers included; a {@code once} listener that has fired is
     * no longer counted. Handlers are not listeners.
     */
    public int listenerCount(String channel) {
        checkChannel(channel);
        return handlers.listenerCount(channel);
    }

    /** The channels that have at least one listener, sorted (Electron's {@code eventNames}). */
    public List<String> eventNames() {
        return handlers.listenedChannels();
    }

    /** Removes every listener of {@code channel}, typed ones included (Electron's {@code removeAllListeners(channel)}). */
    public void removeAllListeners(String channel) {
        checkChannel(channel);
        handlers.removeAllListeners(channel);
    }

    /** Removes every listener of every channel; handlers stay (Electron's {@code removeAllListeners()}). */
    public void removeAllListeners() {
        handlers.removeAllListeners(null);
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
                    ? newHandlers.put(method.channel(), new Handlers.HandlerEntry(method, codec, binding.handler(), null)) != null
                    : newListeners.put(method.channel(), new Handlers.ListenerEntry(method, codec, binding.listener(), null)) != null;
            if (duplicate) {
                throw new IllegalArgumentException("channel '" + method.channel() + "' is bound twice");
            }
        }
        return handlers.add(newHandlers, newListeners);
    }

    /**
     * Adds an interceptor of every call this context makes from now on, after those of its settings and those added
     * before; closing the registration removes it. See {@link IpcInterceptor} for the order and the threads.
     */
    public Registration interceptOutgoing(IpcInterceptor interceptor) {
        return calls.add(IpcCall.Direction.OUTGOING, interceptor);
    }

    /**
     * Adds an interceptor of every call this context serves from now on, after those of its settings and those added
     * before; closing the registration removes it. See {@link IpcInterceptor} for the order and the threads.
     */
    public Registration interceptIncoming(IpcInterceptor interceptor) {
        return calls.add(IpcCall.Direction.INCOMING, interceptor);
    }

    /**
     * Closes the context at once: its connections close, every request still waiting on them fails with
     * {@link IpcDisconnectedException}, and asynchronous handlers still working are cancelled. Closing twice does
     * nothing.
     */
    @Override
    public abstract void close();

    /**
     * Closes the context gracefully: from now on it refuses new work — its own new requests and one-way messages
     * throw {@link IpcDisconnectedException}, requests that arrive are answered with that error and one-way messages
     * that arrive are dropped — while what is in flight finishes: requests already received are answered, and
     * replies to requests already sent are awaited (they all have deadlines). Then it closes as {@link #close()}
     * does. Call it from a thread of your own, not from a handler (whose own request would count as in flight).
     *
     * @param timeout how long to wait for in-flight work; what is left after it fails as with {@link #close()}
     * @return whether everything in flight finished before the timeout
     */
    public boolean closeGracefully(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        long deadlineNanos = Deadlines.deadlineNanos(timeout);
        state.compareAndSet(OPEN, CLOSING);
        if (work.get() == 0) {
            quiet.complete(null);
        }
        boolean drained;
        try {
            if (loop != null && loop.isLoopThread()) {
                drained = loop.awaitServing(quiet, deadlineNanos);
            } else {
                quiet.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
                drained = true;
            }
        } catch (TimeoutException e) {
            drained = false;
        } catch (ExecutionException e) {
            drained = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drained = false;
        }
        close();
        return drained;
    }

    /**
     * Runs {@code listener} for every {@link IpcError} in this context from now on: a handler or listener that
     * threw, a peer that broke the protocol, a reply that could not be sent, a renderer-connected/-disconnected
     * listener or package unload hook that threw. Each is also logged, as before; the log is rate-limited for what a
     * peer does wrong, the listener is not.
     *
     * <p>The listener runs on the thread that found the error — the dispatch thread (or your executor) for handler
     * failures, a transport's reader thread for a malformed frame — before the runtime answers the peer. Like a
     * {@code System.Logger} backend it must be quick, thread-safe and must not block or call back into the
     * runtime: record the error and return. A listener that throws is logged and ignored.
     *
     * @return closing it removes the listener
     */
    public Registration onError(Consumer<? super IpcError> listener) {
        return errors.add(listener);
    }

    /**
     * The requests this context sent that have no reply yet, on every connection (in main: to every renderer and to
     * {@link IpcMain#self()}), oldest first. A snapshot: a request may be answered the moment after. Requests main
     * forwards from one renderer to another are the sending renderer's, not main's, and are not listed.
     */
    public List<PendingRequest> pendingRequests() {
        List<PendingRequest> pending = new ArrayList<>();
        collectPending(pending);
        pending.sort(Comparator.comparing(PendingRequest::waiting).reversed());
        return List.copyOf(pending);
    }

    /** Whether {@link #close()} or {@link #closeGracefully} has been called. */
    public boolean isClosing() {
        return state.get() != OPEN;
    }

    // ---------------------------------------------------------------------------------- for the runtime itself

    WireFormat wire() {
        return wire;
    }

    Routing routing() {
        return routing;
    }

    /** {@code link} as this context's connections use it: traced when the settings ask for a message trace. */
    Link traced(Link link, Supplier<String> peer) {
        return TracedLink.wrap(link, trace, wire, contextName(), peer);
    }

    /** Who watches this context's calls: its interceptors and the JFR events. */
    CallObservation calls() {
        return calls;
    }

    /** This context's name in traces and events: {@code "main"} or the renderer's name. */
    abstract String contextName();

    /** Marks the context closed; true the first time. */
    boolean markClosed() {
        boolean first = state.getAndSet(CLOSED) != CLOSED;
        if (work.get() == 0) {
            quiet.complete(null);
        }
        return first;
    }

    boolean isClosed() {
        return state.get() == CLOSED;
    }

    void workStarted() {
        work.incrementAndGet();
    }

    void workDone() {
        if (work.decrementAndGet() == 0 && state.get() != OPEN) {
            quiet.complete(null);
        }
    }

    boolean acceptsIncoming() {
        return state.get() == OPEN;
    }

    /** Refuses new outgoing messages once the context is closing. */
    void ensureOpenForOutgoing(String channel) {
        if (state.get() != OPEN) {
            throw new IpcDisconnectedException(channel + ": " + closingMessage());
        }
    }

    String closingMessage() {
        return this + (state.get() == CLOSING ? " is closing" : " is closed") + " and takes no new work";
    }

    Handlers handlers() {
        return handlers;
    }

    /** The context's own dispatch thread, or {@code null} when the application supplied an executor. */
    DispatchLoop loop() {
        return loop;
    }

    /**
     * The executor for one connection's incoming messages: serial, so one peer's messages keep their order (the
     * direct executor runs them on the link's one receiving thread, which is serial already).
     */
    Executor newInboundExecutor() {
        if (loop != null) {
            return loop;
        }
        return settings.usesDirectExecutor() ? DirectExecutor.INSTANCE : new SerialExecutor(settings.executor());
    }

    /** Reports an error to the {@link #onError} listeners; {@code message} is only made if someone listens. */
    void reportError(IpcError.Kind kind, String channel, String peer, Supplier<String> message, Throwable cause) {
        if (errors.any()) {
            errors.report(new IpcError(kind, channel, peer, message.get(), cause));
        }
    }

    /** Main's router, to which its connections hand what renderers send each other; {@code null} in a renderer. */
    Router router() {
        return null;
    }

    /** This context as its connections see it. */
    Connection.Owner engine() {
        return engine;
    }

    /** Adds {@code connection}'s own requests still waiting for replies to {@code into}. */
    static void collectPending(Connection connection, List<PendingRequest> into) {
        long now = System.nanoTime();
        for (PendingCall call : connection.ownCalls()) {
            into.add(new PendingRequest(call.channel(), connection.peerDescription(),
                    Duration.ofNanos(now - call.openedNanos())));
        }
    }

    /** Adds this context's own requests still waiting for replies to {@code into}. */
    abstract void collectPending(List<PendingRequest> into);

    /** How many requests a new connection's peer may have in flight with this context at once. */
    abstract RequestBudget newRequestBudget();

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
