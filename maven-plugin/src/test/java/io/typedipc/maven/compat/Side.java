package io.typedipc.maven.compat;

import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcRenderer;
import java.util.concurrent.BlockingQueue;

/**
 * One version's two roles, implemented by the class {@code probe.Side} that {@link ApiVersion} compiles with each
 * version of a channel interface: serve the channels in main (recording what arrives), or call them from a renderer.
 */
public interface Side {
    /** Registers this version's generated dispatcher in {@code main}; the service adds what it received to the queue. */
    void serve(IpcMain main, BlockingQueue<String> received);

    /** Calls a channel through this version's generated sender; returns what came back, described. */
    String call(IpcRenderer renderer) throws Exception;
}
