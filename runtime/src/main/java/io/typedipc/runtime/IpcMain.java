package io.typedipc.runtime;

import io.typedipc.runtime.transport.Link;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The main context: serves channels for its renderers and can message each of them (Electron's {@code ipcMain}).
 *
 * <pre>{@code
 * IpcMain main = IpcMain.create();
 * AssetDbDispatcher.register(main, new AssetDbService());
 * IpcRenderer panel = IpcRenderer.connectInProcess(main, "assets-panel");
 * AssetDb assetDb = new AssetDbSender(panel);
 * }</pre>
 */
public final class IpcMain extends IpcContext {
    private static final System.Logger LOG = System.getLogger(IpcMain.class.getName());

    private final AtomicInteger nextRendererId = new AtomicInteger();
    private final Map<Integer, RendererHandle> renderers = new ConcurrentSkipListMap<>();
    private volatile boolean closed;

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
     * Connects a renderer over {@code link} (any transport) and starts serving it.
     *
     * @param name a name for logs and lookups, such as {@code "assets-panel"}
     */
    public RendererHandle attach(Link link, String name) {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(name, "name");
        if (closed) {
            throw new IllegalStateException("this IpcMain is closed");
        }
        Connection connection = new Connection(this, link);
        RendererHandle handle = new RendererHandle(nextRendererId.incrementAndGet(), name, this, connection);
        renderers.put(handle.id(), handle);
        connection.start(handle, handle.id(), name);
        LOG.log(Level.DEBUG, () -> "connected " + handle + " over " + link.describe());
        return handle;
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

    /** Disconnects every renderer (their pending requests fail at once) and stops the dispatch thread. */
    @Override
    public void close() {
        closed = true;
        for (RendererHandle renderer : renderers.values()) {
            renderer.disconnect();
        }
        stopDispatching();
    }

    @Override
    void connectionClosed(Connection connection, Throwable cause) {
        renderers.values().removeIf(handle -> handle.connection() == connection);
        LOG.log(cause == null ? Level.DEBUG : Level.INFO,
                () -> "renderer on " + connection.describe() + " disconnected" + (cause == null ? "" : ": " + cause));
    }
}
