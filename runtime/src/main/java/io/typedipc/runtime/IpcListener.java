package io.typedipc.runtime;

/** Receives one-way messages on a channel (Electron's {@code ipcMain.on}). */
@FunctionalInterface
public interface IpcListener {
    void onMessage(IpcEvent event, Object[] args) throws Exception;
}
