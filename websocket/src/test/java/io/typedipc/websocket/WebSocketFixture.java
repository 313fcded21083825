package io.typedipc.websocket;

import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.suite.TransportFixture;

/**
 * The WebSocket transport under the runtime's transport suite (found through {@code META-INF/services}): main serves
 * a {@link WebSocketServer}; each renderer is a Java context over the JDK's WebSocket client with the handshake.
 */
public final class WebSocketFixture implements TransportFixture {
    private WebSocketServer server;
    private IpcMain servedMain;

    @Override
    public String name() {
        return "websocket";
    }

    /** Main reads WebSocket messages on Jetty's threads, which {@link WebSocketServer} names so. */
    @Override
    public String mainReaderThreadPrefix() {
        return "typed-ipc-websocket-";
    }

    @Override
    public synchronized IpcRenderer connect(IpcMain main, String rendererName, IpcSettings settings) throws Exception {
        if (server == null || servedMain != main) {
            if (server != null) {
                server.close();
            }
            server = WebSocketServer.builder(main).start();
            servedMain = main;
        }
        JdkWebSocketClient client = JdkWebSocketClient.open(server.url());
        String reply = client.hello(server.token(), rendererName, settings.window());
        if (!reply.contains("\"result\"")) {
            throw new IllegalStateException("handshake refused: " + reply);
        }
        return IpcRenderer.connect(client, rendererName, settings);
    }

    @Override
    public synchronized void cleanup() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
