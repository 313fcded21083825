package io.typedipc.processor;

import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcRenderer;

/**
 * A piece of code compiled in memory together with a channel interface: it serves and calls the interface through
 * the generated classes, with plain typed Java, and throws when an exchange goes wrong.
 */
public interface Scenario {
    void run(IpcMain main, IpcRenderer renderer) throws Exception;
}
