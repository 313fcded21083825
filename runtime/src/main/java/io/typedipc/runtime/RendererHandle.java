package io.typedipc.runtime;

import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.internal.engine.Connection;
import io.typedipc.runtime.internal.engine.Outbound;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One connected renderer, as main sees it (Electron's {@code webContents}): a stable id, a name, and the
 * {@link IpcPeer} operations to message it. A generated sender bound to a handle calls that renderer's channels.
 */
public final class RendererHandle implements IpcPeer {
    private final int id;
    private final String name;
    private final String window;
    private final Connection connection;
    private final CallPipeline calls;
    private final IpcMain main;

    RendererHandle(int id, String name, String window, IpcMain main, Connection connection) {
        this.main = main;
        this.id = id;
        this.name = name;
        this.window = window;
        this.connection = connection;
        this.calls = new CallPipeline(main, new Outbound(connection));
    }

    /** A positive id, unique within its {@link IpcMain} and never reused. */
    public int id() {
        return id;
    }

    /**
     * The name main gave the renderer: the one it asked for, or with a {@code -2}, {@code -3}, … suffix if another
     * connected renderer had it. Unique among the connected renderers; ids are unique for ever.
     */
    public String name() {
        return name;
    }

    /** The window this renderer is a panel of, as it said when it connected; empty if it named none. */
    public Optional<String> window() {
        return Optional.ofNullable(window);
    }

    /** Whether the renderer is still connected. */
    public boolean isConnected() {
        return connection.isOpen();
    }

    /** Closes the connection to this renderer; its pending requests fail with {@link IpcDisconnectedException}. */
    public void disconnect() {
        connection.close();
    }

    Connection connection() {
        return connection;
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
        return Pings.ping(connection, deadline, Pings.plain(main));
    }

    @Override
    public String toString() {
        return "renderer " + name + "#" + id + (window == null ? "" : " in window " + window);
    }
}
