package io.typedipc.runtime;

import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.internal.engine.CallWatch;
import io.typedipc.runtime.internal.engine.Connection;
import io.typedipc.runtime.internal.engine.RendererNames;
import io.typedipc.runtime.internal.engine.RequestBudget;
import io.typedipc.runtime.internal.engine.Router;
import io.typedipc.runtime.internal.wire.MethodCodec;
import io.typedipc.runtime.internal.wire.UnwritableValue;
import io.typedipc.runtime.transport.spi.InProcessLink;
import io.typedipc.runtime.transport.spi.Link;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The main context: serves channels for its renderers and can message each of them (Electron's {@code ipcMain}),
 * broadcast to all of them, and forwards what renderers send to each other.
 *
 * <pre>{@code
 * IpcMain main = IpcMain.create();
 * AssetDbDispatcher.register(main, new AssetDbService());
 * IpcRenderer panel = IpcRenderer.connectInProcess(main, "assets-panel");
 * AssetDb assetDb = new AssetDbSender(panel);
 * new SceneEventsSender(main.broadcast()).saved("db://assets/a.scene");   // one-way, to every renderer
 * }</pre>
 */
public final class IpcMain extends IpcContext {
    private static final System.Logger LOG = System.getLogger(IpcMain.class.getName());

    private final AtomicInteger nextRendererId = new AtomicInteger();
    private final Map<Integer, RendererHandle> renderers = new ConcurrentSkipListMap<>();
    /** Connections whose close has not been reported yet: the dispatch thread stops after the last one. */
    private final AtomicInteger openConnections = new AtomicInteger();
    private final List<Consumer<RendererHandle>> connectedListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<RendererHandle>> disconnectedListeners = new CopyOnWriteArrayList<>();
    private final OneWayPeer everyRenderer = new Broadcast(null, false, null);
    private final OneWayPeer everyone = new Broadcast(null, true, null);
    private final MainSelf self = new MainSelf(this);
    private volatile RoutingPolicy routingPolicy = RoutingPolicy.ALLOW_ALL;
    private final Router router = new Router(new RouterPort(), wire(), routing(), IpcFailures.INSTANCE);
    /** Each renderer's handle by its connection, until the connection's close is reported (also after close()). */
    private final Map<Connection, RendererHandle> handles = new ConcurrentHashMap<>();

    private IpcMain(IpcSettings settings) {
        super(settings, "typed-ipc-main");
    }

    /** A main context with {@link IpcSettings#defaults()}. */
    public static IpcMain create() {
        return create(IpcSettings.defaults());
    }

    public static IpcMain create(IpcSettings settings) {
        return new IpcMain(settings);
    }

    /**
     * Connects a renderer over {@code link} (any transport) and starts serving it. The renderer-connected listeners
     * run (on main's dispatch thread or executor) before any of the renderer's messages is handled.
     *
     * <p>Names are unique among the connected renderers, so that {@link IpcEvent#senderName()} and a
     * {@link RoutingPolicy} can tell renderers apart: if {@code name} is taken, the renderer gets the first free
     * {@code name-2}, {@code name-3}, … ({@link RendererHandle#name()} says which).
     *
     * @param name a name for logs and lookups, such as {@code "assets-panel"}: 1 to
     *     128 characters, not blank, without control or line-separator characters
     * @throws IllegalArgumentException if the name breaks those rules (the link is left open, for the caller to
     *     answer or close)
     * @throws IllegalStateException if this main is closing or closed
     */
    public RendererHandle attach(Link link, String name) {
        return attach(link, name, null, null);
    }

    /**
     * As {@link #attach(Link, String)}, for a renderer that is a panel of {@code window} ({@code null}: of no window);
     * {@link #window(String)} reaches it.
     *
     * @throws IllegalArgumentException if {@code window} is not a valid window name
     *     ({@link IpcSettings#checkWindowName}); the link is left open, as for a bad name
     */
    public RendererHandle attach(Link link, String name, String window) {
        return attach(link, name, window, null);
    }

    /**
     * As {@link #attach(Link, String)}, for a transport with a handshake: {@code welcome} makes the link's first
     * frame from the new renderer's handle (its id and the name main gave it), queued before anything main sends.
     *
     * @param welcome the first frame for the renderer, or {@code null} for none
     */
    public RendererHandle attach(Link link, String name, Function<RendererHandle, byte[]> welcome) {
        return attach(link, name, null, welcome);
    }

    /**
     * As {@link #attach(Link, String, Function)}, for a renderer that is a panel of {@code window} ({@code null}: of
     * no window).
     */
    public RendererHandle attach(Link link, String name, String window, Function<RendererHandle, byte[]> welcome) {
        Objects.requireNonNull(link, "link");
        RendererNames.check(name); // the link stays the caller's: it may still answer the peer
        if (window != null) {
            IpcSettings.checkWindowName(window);
        }
        if (isClosing()) {
            link.close();
            throw new IllegalStateException("this IpcMain is closed");
        }
        Connection connection = new Connection(engine(), link);
        RendererHandle handle;
        synchronized (renderers) { // a name is free and taken in one step
            handle = new RendererHandle(nextRendererId.incrementAndGet(), RendererNames.unique(name, this::nameTaken),
                    window, this, connection);
            renderers.put(handle.id(), handle);
        }
        if (welcome != null) {
            try {
                link.send(welcome.apply(handle));
            } catch (IOException | RuntimeException e) {
                renderers.remove(handle.id(), handle);
                link.close();
                throw new IllegalStateException("could not greet " + handle + ": " + e, e);
            }
        }
        openConnections.incrementAndGet();
        handles.put(connection, handle);
        connection.executeOrRun(() -> notifyListeners(connectedListeners, handle, "connected"));
        connection.start(new InboundDispatch(this, connection, handle), handle.id(), handle.name(), handle.toString());
        LOG.log(Level.DEBUG, () -> "connected " + handle + " over " + link.describe());
        return handle;
    }

    /**
     * Connects a renderer in this JVM, with default settings, and returns it with main's handle for it: the
     * in-process counterpart of {@code ChildProcessTransport.launch}. See
     * {@link #connectInProcess(String, IpcSettings, Consumer)}.
     */
    public InProcessRenderer connectInProcess(String name) {
        return connectInProcess(name, IpcSettings.defaults(), renderer -> { });
    }

    /**
     * Connects a renderer in this JVM ({@link IpcRenderer#connectInProcess(IpcMain, String, IpcSettings, Consumer)}
     * returns just the renderer) and returns it with main's {@link RendererHandle} for it. Messages are encoded as
     * JSON-RPC both ways, as across processes.
     *
     * <p>Main attaches the renderer first, so the renderer knows its {@link IpcRenderer#id()} and the name main gave
     * it ({@code name}, or {@code name-2}, … if taken) already in {@code setup}; {@code setup} runs before the
     * renderer reads anything, so main's first request (a renderer-connected listener's, say) finds the handlers it
     * registers. If {@code setup} throws, the renderer is closed — main sees it connect and disconnect — and the
     * failure is rethrown.
     *
     * @param settings the renderer's settings; its {@link IpcSettings#window()} is the window it is a panel of
     * @throws IllegalArgumentException if the name or the window breaks {@link #attach(Link, String)}'s rules
     * @throws IllegalStateException if this main is closing or closed
     */
    public InProcessRenderer connectInProcess(String name, IpcSettings settings, Consumer<? super IpcRenderer> setup) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(setup, "setup");
        InProcessLink[] ends = InProcessLink.pair(name);
        RendererHandle handle;
        try {
            handle = attach(ends[1], name, settings.window());
        } catch (RuntimeException e) {
            ends[1].close();
            throw e;
        }
        try {
            return new InProcessRenderer(IpcRenderer.connectAttached(ends[0], handle, settings, setup), handle);
        } catch (RuntimeException | Error e) {
            handle.disconnect();
            throw e;
        }
    }

    private boolean nameTaken(String name) {
        return renderers.values().stream().anyMatch(r -> r.name().equals(name));
    }

    /** The connected renderers, in connection order. */
    public List<RendererHandle> renderers() {
        return List.copyOf(renderers.values());
    }

    /** The connected renderer with this id. */
    public Optional<RendererHandle> renderer(int id) {
        return Optional.ofNullable(renderers.get(id));
    }

    /** The first connected renderer with this name. */
    public Optional<RendererHandle> renderer(String name) {
        return renderers.values().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /**
     * A peer for the renderer named {@code name}, looked up on every message (so a panel that reconnects under the
     * same name is found again). When no such renderer is connected, requests fail with
     * {@link NoSuchRendererException} (Cocos Creator's {@code ENOPANEL}) and one-way messages throw it: main knows
     * at once, so it says so. (A renderer's {@link IpcRenderer#peer(String)} cannot: main drops its one-way message.)
     */
    public IpcPeer peer(String name) {
        Objects.requireNonNull(name, "name");
        return new LookupPeer("renderer '" + name + "'", () -> renderer(name));
    }

    /** A peer for the renderer with this id; see {@link #peer(String)}. */
    public IpcPeer peer(int id) {
        return new LookupPeer("renderer #" + id, () -> renderer(id));
    }

    /**
     * Every connected renderer, as a one-way target (Cocos Creator's {@code sendToWins}): hand it to the generated
     * sender of an interface whose methods are all one-way. Renderers that connect later are included.
     */
    public OneWayPeer broadcast() {
        return everyRenderer;
    }

    /**
     * Main's own channels as a peer (Cocos Creator's {@code sendToMain} called in main): a package in main calls
     * another package in main exactly as a renderer would, typed too ({@code new AssetDbSender(main.self())}).
     * Messages take a real encoded round trip through an in-process link, so a value that cannot cross a process
     * cannot cross here either; they are served on main's dispatch thread (or executor) in order with everything
     * else, with deadlines, declared errors and cancellation as over any transport. Handlers see main as the sender
     * ({@link IpcEvent#MAIN_ID}, name {@code "main"}; {@link IpcEvent#senderHandle()} is empty). A blocking call made
     * on main's dispatch thread serves main's queue while it waits, so it does not deadlock on its own handler.
     */
    public IpcPeer self() {
        return self;
    }

    /**
     * Every connected renderer and main's own listeners (Cocos Creator's {@code sendToAll} called in main; with
     * {@code excludeSelf} it is {@link #broadcast()}). Main's listeners receive it through {@link #self()}, with main
     * as the sender.
     */
    public OneWayPeer broadcastToAll() {
        return everyone;
    }

    /**
     * Every connected panel of {@code window} (the renderers that named it when they connected), as a one-way
     * target; panels that connect later are included. A window nobody is in receives nothing.
     */
    public OneWayPeer window(String window) {
        return new Broadcast(null, false, IpcSettings.checkWindowName(window));
    }

    /**
     * Every panel of the main window, {@link IpcSettings#mainWindow()} (Cocos Creator's {@code sendToMainWin}).
     */
    public OneWayPeer mainWindow() {
        return window(settings().mainWindow());
    }

    /** Every connected renderer but {@code excluded} (typically {@code IpcEvent.current().senderHandle()}). */
    public OneWayPeer broadcastExcept(RendererHandle excluded) {
        return new Broadcast(Objects.requireNonNull(excluded, "excluded"), false, null);
    }

    /** Sends a one-way message to every connected renderer. */
    public void broadcast(String channel, Object... args) {
        everyRenderer.send(channel, args);
    }

    /**
     * Runs {@code listener} for every renderer that connects from now on, on main's dispatch thread (or executor),
     * before the renderer's first message is handled.
     */
    public Registration onRendererConnected(Consumer<RendererHandle> listener) {
        Objects.requireNonNull(listener, "listener");
        connectedListeners.add(listener);
        return () -> connectedListeners.remove(listener);
    }

    /**
     * Runs {@code listener} for every renderer that disconnects (it closed, its process ended, or main disconnected
     * it), on main's dispatch thread (or executor), after the renderer's last message was handled.
     */
    public Registration onRendererDisconnected(Consumer<RendererHandle> listener) {
        Objects.requireNonNull(listener, "listener");
        disconnectedListeners.add(listener);
        return () -> disconnectedListeners.remove(listener);
    }

    /**
     * Disconnects every renderer at once (their pending requests fail with {@link IpcDisconnectedException}, on both
     * sides) and stops the dispatch thread once the disconnect events have run.
     */
    @Override
    public void close() {
        markClosed();
        for (RendererHandle renderer : renderers.values()) {
            renderers.remove(renderer.id(), renderer);
            renderer.disconnect();
        }
        self.close();
        if (openConnections.get() == 0) {
            stopDispatching();
        }
    }

    @Override
    RequestBudget newRequestBudget() {
        return new RequestBudget(settings().wireLimits().maxRequestsInFlight());
    }

    /** One end of main's link to itself ({@link MainSelf}); counted as open so that close waits for it. */
    Connection openSelfConnection(Link link, IpcPeer remote) {
        Connection connection = new Connection(engine(), link);
        openConnections.incrementAndGet();
        connection.start(new InboundDispatch(this, connection, remote), IpcEvent.MAIN_ID, IpcRenderer.MAIN_NAME,
                remote.toString());
        return connection;
    }

    @Override
    void connectionClosed(Connection connection, Throwable cause) {
        RendererHandle handle = handles.remove(connection);
        LOG.log(cause == null ? Level.DEBUG : Level.INFO,
                () -> (handle != null ? "renderer on " : "main's link to itself, ")
                        + connection.describe() + ", disconnected" + (cause == null ? "" : ": " + cause));
        if (handle != null) {
            renderers.remove(handle.id(), handle);
            connection.executeOrRun(() -> notifyListeners(disconnectedListeners, handle, "disconnected"));
        }
        if (openConnections.decrementAndGet() == 0 && isClosed()) {
            stopDispatching(); // after the events queued above
        }
    }

    @Override
    String contextName() {
        return IpcRenderer.MAIN_NAME;
    }

    @Override
    public String toString() {
        return "IpcMain";
    }

    private void notifyListeners(List<Consumer<RendererHandle>> listeners, RendererHandle handle, String what) {
        for (Consumer<RendererHandle> listener : listeners) {
            try {
                listener.accept(handle);
            } catch (RuntimeException | Error e) {
                LOG.log(Level.WARNING, "a renderer-" + what + " listener failed for " + handle, e);
                reportError(IpcError.Kind.CALLBACK_FAILED, null, "renderer " + handle.name() + "#" + handle.id(),
                        () -> "a renderer-" + what + " listener failed for " + handle + ": " + e, e);
            }
        }
    }

    @Override
    void collectPending(List<PendingRequest> into) {
        for (RendererHandle renderer : renderers.values()) {
            collectPending(renderer.connection(), into);
        }
        self.collectPending(into);
    }

    /**
     * Sets which renderer may message which other renderer through main; {@link RoutingPolicy#ALLOW_ALL} until set.
     * Applies to messages routed from now on.
     */
    public void setRoutingPolicy(RoutingPolicy policy) {
        this.routingPolicy = Objects.requireNonNull(policy, "policy");
    }

    // ------------------------------------------------------------------------------------------------ routing

    @Override
    Router router() {
        return router;
    }

    /** What main's {@link Router} asks of main: its renderers, its routing policy, its settings and its work count. */
    private final class RouterPort implements Router.Main {
        @Override
        public Connection renderer(Object to) {
            RendererHandle handle = null;
            if (to instanceof Long id) {
                handle = id > 0 && id <= Integer.MAX_VALUE ? renderers.get((int) (long) id) : null;
            } else if (to instanceof String name) {
                handle = IpcMain.this.renderer(name).orElse(null);
            }
            return handle == null ? null : handle.connection();
        }

        @Override
        public List<Connection> renderers(String window) {
            List<Connection> in = new ArrayList<>();
            for (RendererHandle renderer : renderers.values()) {
                if (inWindow(renderer, window)) {
                    in.add(renderer.connection());
                }
            }
            return in;
        }

        @Override
        public boolean allows(String from, String to, String channel) {
            return routingPolicy.allows(from, to, channel);
        }

        @Override
        public boolean acceptsIncoming() {
            return IpcMain.this.acceptsIncoming();
        }

        @Override
        public String closingMessage() {
            return IpcMain.this.closingMessage();
        }

        @Override
        public void workStarted() {
            IpcMain.this.workStarted();
        }

        @Override
        public void workDone() {
            IpcMain.this.workDone();
        }

        @Override
        public Duration defaultDeadline() {
            return settings().defaultDeadline();
        }

        @Override
        public Duration maxPeerDeadline() {
            return settings().wireLimits().maxPeerDeadline();
        }

        @Override
        public int maxRequestsInFlight() {
            return settings().wireLimits().maxRequestsInFlight();
        }
    }

    /** Whether a broadcast to {@code window} ({@code null}: to every renderer) reaches {@code renderer}. */
    private static boolean inWindow(RendererHandle renderer, String window) {
        return window == null || renderer.window().filter(window::equals).isPresent();
    }

    // ------------------------------------------------------------------------------------------------ peers

    /** Sends one-way messages to every connected renderer, or all but one; encodes each message once. */
    private final class Broadcast implements OneWayPeer {
        private final RendererHandle excluded;
        private final boolean includeMain;
        private final String window;

        Broadcast(RendererHandle excluded, boolean includeMain, String window) {
            this.excluded = excluded;
            this.includeMain = includeMain;
            this.window = window;
        }

        @Override
        public void send(String channel, Object... args) {
            checkChannel(channel);
            deliver(channel, wire().untyped(), CallPipeline.argsOrEmpty(args));
        }

        @Override
        public void send(MethodDescriptor<?> method, Object... args) {
            CallPipeline.requireKind(method, MethodDescriptor.Kind.ONE_WAY);
            deliver(method.channel(), wire().codec(method), CallPipeline.argsOrEmpty(args));
        }

        private void deliver(String channel, MethodCodec codec, Object[] args) {
            ensureOpenForOutgoing(channel);
            CallWatch watch = calls().outgoing(MethodDescriptor.Kind.ONE_WAY, channel, args, toString());
            try {
                byte[] frame;
                try {
                    frame = wire().notification(channel, codec, args);
                } catch (UnwritableValue e) {
                    throw Connection.unwritable(IpcFailures.INSTANCE, channel, e);
                }
                for (RendererHandle renderer : renderers.values()) {
                    if (renderer != excluded && inWindow(renderer, window) && renderer.connection().sendRaw(frame.clone())
                            && watch != null) {
                        watch.sent(frame.length);
                    }
                }
                if (includeMain) {
                    self.sendFrame(channel, () -> frame);
                }
            } catch (RuntimeException | Error e) {
                if (watch != null) {
                    watch.end(e);
                }
                throw e;
            }
            if (watch != null) {
                watch.end(null);
            }
        }

        @Override
        public String toString() {
            if (window != null) {
                return "every panel of window " + window;
            }
            return (excluded == null ? "every renderer" : "every renderer but " + excluded) + (includeMain ? " and main" : "");
        }
    }

    /** A peer that finds its renderer on every message. */
    private static final class LookupPeer implements IpcPeer {
        private final String description;
        private final Supplier<Optional<RendererHandle>> lookup;

        LookupPeer(String description, Supplier<Optional<RendererHandle>> lookup) {
            this.description = description;
            this.lookup = lookup;
        }

        private RendererHandle target(String channel) {
            return lookup.get().filter(RendererHandle::isConnected).orElseThrow(
                    () -> new NoSuchRendererException(channel + ": no " + description + " is connected"));
        }

        @Override
        public void send(String channel, Object... args) {
            target(channel).send(channel, args);
        }

        @Override
        public void send(MethodDescriptor<?> method, Object... args) {
            target(method.channel()).send(method, args);
        }

        @Override
        public Object sendSync(String channel, CallOptions options, Object... args) {
            Objects.requireNonNull(options, "options");
            return target(channel).sendSync(channel, options, args);
        }

        @Override
        public CompletableFuture<Object> invoke(String channel, CallOptions options, Object... args) {
            Objects.requireNonNull(options, "options");
            try {
                return target(channel).invoke(channel, options, args);
            } catch (NoSuchRendererException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public <R> R call(MethodDescriptor<R> method, CallOptions options, Object... args) {
            return target(method.channel()).call(method, options, args);
        }

        @Override
        public <R> CompletableFuture<R> invoke(MethodDescriptor<R> method, CallOptions options, Object... args) {
            try {
                return target(method.channel()).invoke(method, options, args);
            } catch (NoSuchRendererException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public CompletableFuture<PingResult> ping(Duration deadline) {
            Pings.checkDeadline(deadline);
            try {
                return target("$/ping").ping(deadline);
            } catch (NoSuchRendererException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public String toString() {
            return description;
        }
    }
}
