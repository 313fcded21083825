package io.typedipc.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A renderer's {@code setup} runs before its first message is read, so main may call it the moment it connects —
 * here from {@code onRendererConnected}, which runs before anything the renderer sends is handled.
 */
class RendererSetupTest {

    @Test
    void mainCanCallARendererOverTcpTheMomentItConnects() throws Exception {
        try (IpcMain main = IpcMain.create(); SocketServer server = SocketTransport.listenTcp(main, 0)) {
            CompletableFuture<Object> greeting = greetOnConnect(main);
            IpcRenderer renderer = SocketTransport.connect(server.address(), server.token(), "early",
                    IpcSettings.defaults(), r -> r.handle("panel:hello", (event, args) -> "hello from " + r.name()));
            try {
                assertEquals("hello from early", greeting.get(30, TimeUnit.SECONDS));
            } finally {
                renderer.close();
            }
        }
    }

    @Test
    void mainCanCallARendererOverAUnixSocketTheMomentItConnects() throws Exception {
        Path folder = Files.createTempDirectory("typed-ipc-setup");
        try (IpcMain main = IpcMain.create(); SocketServer server = SocketTransport.listenUnix(main, folder)) {
            CompletableFuture<Object> greeting = greetOnConnect(main);
            IpcRenderer renderer = SocketTransport.connect(server.address(), server.token(), "early",
                    IpcSettings.defaults(), r -> r.handle("panel:hello", (event, args) -> "hello from " + r.name()));
            try {
                assertEquals("hello from early", greeting.get(30, TimeUnit.SECONDS));
            } finally {
                renderer.close();
            }
        } finally {
            Files.deleteIfExists(folder);
        }
    }

    @Test
    void mainCanCallAnInProcessRendererTheMomentItConnects() throws Exception {
        try (IpcMain main = IpcMain.create()) {
            CompletableFuture<Object> greeting = greetOnConnect(main);
            IpcRenderer renderer = IpcRenderer.connectInProcess(main, "early", IpcSettings.defaults(),
                    r -> r.handle("panel:hello", (event, args) -> "hello from " + r.name()));
            try {
                assertEquals("hello from early", greeting.get(30, TimeUnit.SECONDS));
            } finally {
                renderer.close();
            }
        }
    }

    /** Main asks every renderer for a greeting as soon as it connects. */
    private static CompletableFuture<Object> greetOnConnect(IpcMain main) {
        CompletableFuture<Object> greeting = new CompletableFuture<>();
        main.onRendererConnected(renderer -> renderer.invoke("panel:hello").whenComplete((value, failure) -> {
            if (failure != null) {
                greeting.completeExceptionally(failure);
            } else {
                greeting.complete(value);
            }
        }));
        return greeting;
    }
}
