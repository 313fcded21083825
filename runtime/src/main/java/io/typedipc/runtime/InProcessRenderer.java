package io.typedipc.runtime;

import java.util.Objects;

/**
 * A renderer connected in the same JVM as its main ({@link IpcMain#connectInProcess(String)}), with both ends: the
 * {@link IpcRenderer} context itself and main's {@link RendererHandle} for it — as {@code ChildProcessTransport}'s
 * {@code ChildRenderer} gives main the handle and the process. Closing it closes the renderer.
 *
 * @param renderer the renderer context (an {@link IpcPeer} for main's channels)
 * @param handle main's handle for the renderer (an {@link IpcPeer} for the renderer's channels)
 */
public record InProcessRenderer(IpcRenderer renderer, RendererHandle handle) implements AutoCloseable {
    public InProcessRenderer {
        Objects.requireNonNull(renderer, "renderer");
        Objects.requireNonNull(handle, "handle");
    }

    /** Closes the renderer; main sees it disconnect. */
    @Override
    public void close() {
        renderer.close();
    }
}
