package io.typedipc.runtime;

/**
 * Serves requests on one channel (Electron's {@code ipcMain.handle}). Returns the result, or a
 * {@link java.util.concurrent.CompletionStage} that completes with it. A thrown exception becomes an error reply.
 */
@FunctionalInterface
public interface IpcHandler {
    Object handle(IpcEvent event, Object[] args) throws Exception;
}
