package io.typedipc.runtime.suite;

import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;

/**
 * One transport under the runtime suite: how a renderer context gets connected to a main context. The suite never
 * looks behind this interface, so every transport (in-process, child-process stdio, sockets) runs the same scenarios.
 * A fixture instance serves one test invocation; {@link #cleanup()} releases what {@link #connect} set up.
 */
public interface TransportFixture {

    /** A short name for test reports, such as {@code "in-process"}. */
    String name();

    /**
     * Connects a new renderer context named {@code rendererName} to {@code main}, with {@code settings} for the
     * renderer. Returns once main has attached it: {@code main.renderer(rendererName)} is present and messages in
     * both directions work.
     */
    IpcRenderer connect(IpcMain main, String rendererName, IpcSettings settings) throws Exception;

    /**
     * How main's threads that read this transport's messages are named (the start of the name): the runtime's own
     * links read on {@code "typed-ipc-reader "} threads; a transport built on a server library reads on the library's.
     */
    default String mainReaderThreadPrefix() {
        return "typed-ipc-reader ";
    }

    /**
     * Releases servers, processes or threads the fixture started; called once per test, after the suite closed the
     * contexts.
     */
    void cleanup() throws Exception;
}
