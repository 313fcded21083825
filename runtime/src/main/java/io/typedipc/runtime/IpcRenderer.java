package io.typedipc.runtime;

import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.internal.engine.Connection;
import io.typedipc.runtime.internal.engine.Outbound;
import io.typedipc.runtime.internal.engine.RequestBudget;
import io.typedipc.runtime.transport.spi.InProcessLink;
import io.typedipc.runtime.transport.spi.Link;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A renderer context, connected to main (Electron's {@code ipcRenderer}). As an {@link IpcPeer} it messages main, so
 * a generated sender made on it ({@code new AssetDbSender(renderer)}) calls main's channels; as an
 * {@link IpcContext} it serves channels that main calls.
 */
public final class IpcRenderer extends IpcContext implements IpcPeer {
    /** The name under which main appears to a renderer's handlers ({@link IpcEvent#senderName()}). */
    public static final String MAIN_NAME = Connection.MAIN_NAME;

    /** No id: the transport did not say which id main gave this renderer. */
    private static final int UNKNOWN_ID = 0;

    private final int id;
    private final String name;
    private final Connection connection;
    private final CallPipeline calls;
    private final CountDownLatch closedLatch = new CountDownLatch(1);

    private IpcRenderer(Link link, int id, String name, IpcSettings settings) {
        super(settings, "typed-ipc-renderer-" + name);
        this.id = id;
        this.name = name;
        this.connection = new Connection(engine(), link);
        this.calls = new CallPipeline(this, new Outbound(connection));
    }

    /**
     * Connects a renderer context to main over {@code link}, the renderer's end of any transport. Nothing tells this
     * renderer its id, so {@link #id()} is empty; a transport whose handshake does uses
     * {@link #connect(Link, int, String, IpcSettings, Consumer)}.
     */
    public static IpcRenderer connect(Link link, String name, IpcSettings settings) {
        return connect(link, name, settings, renderer -> { });
    }

    /**
     * Connects a renderer context to main over {@code link}, running {@code setup} before the first message is read:
     * register the renderer's handlers and dispatchers there, and no request from main can arrive before them (a
     * request for a channel nobody serves fails with {@link NoSuchChannelException}). {@code setup} must not send.
     * {@link #id()} is empty, as for {@link #connect(Link, String, IpcSettings)}.
     */
    public static IpcRenderer connect(Link link, String name, IpcSettings settings, Consumer<? super IpcRenderer> setup) {
        return open(link, UNKNOWN_ID, name, settings, setup);
    }

    /**
     * As {@link #connect(Link, String, IpcSettings, Consumer)}, for a transport that knows the renderer's id: main
     * said it in a handshake ({@code rendererId} of the {@code $/hello} reply, as {@link RendererHandle#id()} gives
     * it), so {@link #id()} returns it. {@code name} should be the name main gave the renderer, too.
     *
     * @param id the id main gave this renderer: positive
     * @throws IllegalArgumentException if {@code id} is not positive
     */
    public static IpcRenderer connect(Link link, int id, String name, IpcSettings settings,
            Consumer<? super IpcRenderer> setup) {
        if (id <= 0) {
            throw new IllegalArgumentException("renderer ids are positive, was " + id);
        }
        return open(link, id, name, settings, setup);
    }

    private static IpcRenderer open(Link link, int id, String name, IpcSettings settings,
            Consumer<? super IpcRenderer> setup) {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(setup, "setup");
        IpcRenderer renderer = new IpcRenderer(link, id, name, settings);
        try {
            setup.accept(renderer);
        } catch (RuntimeException | Error e) {
            link.close();
            renderer.close();
            throw e;
        }
        renderer.connection.start(new InboundDispatch(renderer, renderer.connection, renderer), IpcEvent.MAIN_ID,
                MAIN_NAME, MAIN_NAME);
        return renderer;
    }

    /**
     * A renderer in the same JVM as {@code main}, with default settings. Messages are still encoded as JSON-RPC, so
     * it behaves as a renderer in another process does: useful for tests and for panels that share a process.
     * {@link IpcMain#connectInProcess(String)} does the same and also gives main's {@link RendererHandle} for it.
     */
    public static IpcRenderer connectInProcess(IpcMain main, String name) {
        return connectInProcess(main, name, IpcSettings.defaults());
    }

    /** As {@link #connectInProcess(IpcMain, String)}, with the renderer's own settings. */
    public static IpcRenderer connectInProcess(IpcMain main, String name, IpcSettings settings) {
        return connectInProcess(main, name, settings, renderer -> { });
    }

    /**
     * As {@link #connectInProcess(IpcMain, String, IpcSettings)}, with {@code setup} run before main can call; see
     * {@link IpcMain#connectInProcess(String, IpcSettings, Consumer)}.
     */
    public static IpcRenderer connectInProcess(IpcMain main, String name, IpcSettings settings,
            Consumer<? super IpcRenderer> setup) {
        Objects.requireNonNull(main, "main");
        return main.connectInProcess(name, settings, setup).renderer();
    }

    /**
     * The in-process half of {@link IpcMain#connectInProcess(String, IpcSettings, Consumer)}: this renderer's end of
     * the link main has just attached as {@code handle}. Frames main sends meanwhile wait in the link until
     * {@code setup} has run.
     */
    static IpcRenderer connectAttached(InProcessLink end, RendererHandle handle, IpcSettings settings,
            Consumer<? super IpcRenderer> setup) {
        return open(end, handle.id(), handle.name(), settings, setup);
    }

    /**
     * Another renderer, by the name main knows it under, reached through main (Cocos Creator's {@code sendToPanel}):
     * hand it to a generated sender to call that renderer's channels typed. The name is looked up in main on every
     * message; if no renderer of that name is connected, requests fail with {@link NoSuchRendererException} and
     * one-way messages are dropped by main (a one-way message has no reply that could carry the error back; use a
     * request when the sender must know). The receiving handler sees this renderer as the sender.
     */
    public IpcPeer peer(String rendererName) {
        Objects.requireNonNull(rendererName, "rendererName");
        return new RoutedPeer(this, connection, rendererName);
    }

    /** Another renderer by its id (as in {@link IpcEvent#senderId()}), reached through main; see {@link #peer(String)}. */
    public IpcPeer peer(int rendererId) {
        if (rendererId <= 0) {
            throw new IllegalArgumentException("renderer ids are positive; main is reached through the renderer itself");
        }
        return new RoutedPeer(this, connection, (long) rendererId);
    }

    /** Every renderer, this one included, through main, as a one-way target (Cocos Creator's {@code sendToWins}). */
    public OneWayPeer broadcast() {
        return new Broadcast(false, false, null);
    }

    /**
     * Every panel of {@code window} (this one too, if it is one), through main, as a one-way target. A window nobody
     * is in receives nothing.
     */
    public OneWayPeer window(String window) {
        return new Broadcast(false, false, IpcSettings.checkWindowName(window));
    }

    /** Every panel of the main window, {@link IpcSettings#mainWindow()} (Cocos Creator's {@code sendToMainWin}). */
    public OneWayPeer mainWindow() {
        return window(settings().mainWindow());
    }

    /** Every other renderer, through main (Cocos Creator's {@code sendToWins} with {@code excludeSelf}). */
    public OneWayPeer broadcastToOthers() {
        return new Broadcast(true, false, null);
    }

    /** Main and every renderer, this one included (Cocos Creator's {@code sendToAll}). */
    public OneWayPeer broadcastToAll() {
        return new Broadcast(false, true, null);
    }

    /** Main and every other renderer (Cocos Creator's {@code sendToAll} with {@code excludeSelf} in a panel). */
    public OneWayPeer broadcastToAllOthers() {
        return new Broadcast(true, true, null);
    }

    /**
     * This renderer's own name: over sockets and in process the name main gave it (the one it asked for, or with a
     * {@code -2}, {@code -3}, … suffix if another connected renderer had it), as {@link RendererHandle#name()}.
     */
    public String name() {
        return name;
    }

    @Override
    String contextName() {
        return name;
    }

    /**
     * The id main gave this renderer: its {@link RendererHandle#id()} in main, and the {@link IpcEvent#senderId()}
     * that handlers in main and in other renderers see for its messages. Known from the moment the renderer is
     * connected (in {@code setup} too) when the transport tells it: in process, over Unix domain and TCP sockets
     * (the {@code $/hello} reply), and over stdio when main launched this process with
     * {@code ChildProcessTransport} (main's first frame says it). Empty for a renderer connected with
     * {@link #connect(Link, String, IpcSettings, Consumer)} over a link of your own, which carries no id.
     */
    public OptionalInt id() {
        return id == UNKNOWN_ID ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** Whether the connection to main is open. */
    public boolean isConnected() {
        return connection.isOpen();
    }

    /**
     * Blocks until the connection to main closes (main closed it, or main's process ended), or the timeout passes.
     * It returns after the messages main sent before the close have been delivered to this renderer's listeners,
     * so a renderer process's {@code main} method can end with this.
     *
     * @return whether the connection closed
     */
    public boolean awaitDisconnect(long timeout, TimeUnit unit) throws InterruptedException {
        return closedLatch.await(timeout, unit);
    }

    @Override
    public void send(String channel, Object... args) {
        calls.send(channel, args);
    }

    @Override
    public Object sendSync(String channel, CallOptions options, Object... args) {
        return calls.sendSync(channel, options, args);
    }

    @Override
    public CompletableFuture<Object> invoke(String channel, CallOptions options, Object... args) {
        return calls.invoke(channel, options, args);
    }

    @Override
    public void send(MethodDescriptor<?> method, Object... args) {
        calls.send(method, args);
    }

    @Override
    public <R> R call(MethodDescriptor<R> method, CallOptions options, Object... args) {
        return calls.call(method, options, args);
    }

    @Override
    public <R> CompletableFuture<R> invoke(MethodDescriptor<R> method, CallOptions options, Object... args) {
        return calls.invoke(method, options, args);
    }

    /** Pings this peer; see {@link IpcPeer#ping}. */
    @Override
    public CompletableFuture<PingResult> ping(Duration deadline) {
        return Pings.ping(connection, deadline, Pings.plain(this));
    }

    /**
     * Closes the connection to main at once (pending requests fail with {@link IpcDisconnectedException}, on both
     * sides) and stops the dispatch thread after what is queued.
     */
    @Override
    public void close() {
        markClosed();
        connection.close();
    }

    @Override
    void collectPending(List<PendingRequest> into) {
        collectPending(connection, into);
    }

    @Override
    RequestBudget newRequestBudget() {
        return RequestBudget.UNBOUNDED; // main is trusted: it launched or accepted this renderer
    }

    @Override
    void connectionClosed(Connection closed, Throwable cause) {
        markClosed(); // main went away: nothing can be sent any more
        // awaitDisconnect() returns after the messages that arrived before the close were delivered: a renderer
        // process that ends when it returns must not lose main's last messages.
        closed.executeOrRun(closedLatch::countDown);
        stopDispatching();
    }

    /** One-way messages that main spreads to every renderer ({@code $/broadcast}). */
    private final class Broadcast implements OneWayPeer {
        private final boolean excludeSelf;
        private final boolean includeMain;
        private final String window;

        Broadcast(boolean excludeSelf, boolean includeMain, String window) {
            this.excludeSelf = excludeSelf;
            this.includeMain = includeMain;
            this.window = window;
        }

        @Override
        public void send(String channel, Object... args) {
            checkChannel(channel);
            Object[] values = CallPipeline.argsOrEmpty(args);
            connection.notify(channel, values, toString(),
                    () -> routing().broadcast(channel, wire().untyped(), values, excludeSelf, includeMain, window));
        }

        @Override
        public void send(MethodDescriptor<?> method, Object... args) {
            CallPipeline.requireKind(method, MethodDescriptor.Kind.ONE_WAY);
            Object[] values = CallPipeline.argsOrEmpty(args);
            connection.notify(method.channel(), values, toString(),
                    () -> routing().broadcast(method.channel(), wire().codec(method), values, excludeSelf, includeMain, window));
        }

        @Override
        public String toString() {
            String who = window != null ? "every panel of window " + window
                    : (excludeSelf ? "every other renderer" : "every renderer") + (includeMain ? " and main" : "");
            return who + " via main";
        }
    }

    @Override
    public String toString() {
        return "IpcRenderer " + name;
    }
}
