package io.typedipc.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.IpcDisconnectedException;
import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.RendererHandle;
import io.typedipc.runtime.WireLimits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the WebSocket transport promises beyond the runtime suite: the handshake, origins, limits, stalls, files. */
class WebSocketServerTest {
    private IpcMain main;
    private WebSocketServer server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
        if (main != null) {
            main.close();
        }
    }

    private WebSocketServer start(IpcSettings settings, java.util.function.UnaryOperator<WebSocketServer.Builder> options)
            throws Exception {
        main = IpcMain.create(settings);
        main.handle("t:echo", (event, args) -> args[0]);
        server = options.apply(WebSocketServer.builder(main)).start();
        return server;
    }

    private WebSocketServer start() throws Exception {
        return start(IpcSettings.defaults(), b -> b);
    }

    @Test
    void aRendererOverTheWebSocketCallsMainAfterTheHandshake() throws Exception {
        start();
        JdkWebSocketClient client = JdkWebSocketClient.open(server.url());
        // The reply of sockets (docs/protocol.md): the renderer's id and the name main gave it.
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"protocol\":\"typed-ipc/1\",\"rendererId\":1,"
                + "\"name\":\"page\"}}", client.hello(server.token(), "page"));
        try (IpcRenderer renderer = IpcRenderer.connect(client, "page", IpcSettings.defaults())) {
            assertEquals("hi", renderer.sendSync("t:echo", "hi"));
            assertEquals("page", main.renderers().get(0).name());
        }
    }

    @Test
    void aWrongTokenIsRefusedAndClosedBeforeAnyChannel() throws Exception {
        start();
        JdkWebSocketClient client = JdkWebSocketClient.open(server.url());
        String reply = client.hello("not-the-token", "intruder");
        assertTrue(reply.contains("\"code\":-32600") && reply.contains("handshake refused: wrong or missing token")
                && reply.contains("\"id\":0"), reply);
        assertEquals(1008, client.awaitClose());
        assertTrue(main.renderers().isEmpty());
    }

    @Test
    void aNameMainDoesNotTakeIsRefusedWithTheHelloErrorNotAcceptedAndThenClosed() throws Exception {
        start();
        JdkWebSocketClient client = JdkWebSocketClient.open(server.url());
        String reply = client.hello(server.token(), "  ");
        assertTrue(reply.contains("\"code\":-32600") && reply.contains("handshake refused: a renderer name")
                && reply.contains("\"id\":0") && !reply.contains("result"), reply);
        assertEquals(1008, client.awaitClose());
        assertTrue(main.renderers().isEmpty());
    }

    @Test
    void aFirstMessageThatIsNotTheHelloIsRefused() throws Exception {
        start();
        JdkWebSocketClient client = JdkWebSocketClient.open(server.url());
        client.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"t:echo\",\"params\":[\"x\"]}");
        String reply = client.next();
        assertTrue(reply.contains("handshake refused: the first message must be a $/hello request"), reply);
        assertEquals(1008, client.awaitClose());
        JdkWebSocketClient garbage = JdkWebSocketClient.open(server.url());
        garbage.sendText("{not json");
        assertTrue(garbage.next().contains("\"code\":-32700"));
        assertEquals(1008, garbage.awaitClose());
    }

    @Test
    void aHelloOverSixtyFourKibibytesClosesTheConnection() throws Exception {
        start();
        JdkWebSocketClient client = JdkWebSocketClient.open(server.url());
        client.sendText("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"$/hello\",\"params\":{\"token\":\""
                + "x".repeat(WebSocketServer.MAX_HELLO_BYTES) + "\",\"name\":\"big\"}}");
        assertEquals(1009, client.awaitClose());
        assertTrue(main.renderers().isEmpty());
    }

    @Test
    void noHelloWithinTheHandshakeTimeoutClosesTheConnection() throws Exception {
        Duration timeout = Duration.ofMillis(300);
        start(IpcSettings.defaults(), b -> b.handshakeTimeout(timeout));
        // The clock starts before the client connects: main's timer starts later (when the socket is open on its side),
        // so the close cannot arrive sooner than the timeout after this, however the threads are scheduled.
        long started = System.nanoTime();
        JdkWebSocketClient client = JdkWebSocketClient.open(server.url());
        assertEquals(1008, client.awaitClose());
        Duration elapsed = Duration.ofNanos(client.closeArrivedNanos() - started);
        assertTrue(elapsed.compareTo(timeout) >= 0, "closed after " + elapsed.toMillis() + " ms, before the timeout");
        // Generous for a loaded machine; 1008 above already tells the handshake timer from Jetty's idle timeout.
        Duration margin = Duration.ofSeconds(10);
        assertTrue(elapsed.compareTo(timeout.plus(margin)) < 0, "closed only after " + elapsed.toMillis() + " ms");
    }

    @Test
    void anOriginNotOnTheAllowListIsRefusedWithForbiddenAndItsOwnOriginsAndAddedOnesAreLetIn() throws Exception {
        start(IpcSettings.defaults(), b -> b.allowOrigin("http://localhost:5173"));
        CompletionException refused = assertThrows(CompletionException.class,
                () -> JdkWebSocketClient.open(server.url(), Map.of("Origin", "http://evil.example")));
        assertTrue(refused.getCause() instanceof WebSocketHandshakeException, String.valueOf(refused.getCause()));
        assertEquals(403, ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
        for (String allowed : new String[] {"http://127.0.0.1:" + server.port(), "http://localhost:" + server.port(),
                "http://localhost:5173"}) {
            JdkWebSocketClient client = JdkWebSocketClient.open(server.url(), Map.of("Origin", allowed));
            assertTrue(client.hello(server.token(), "p").contains("typed-ipc/1"), allowed);
            client.close();
        }
        assertThrows(IllegalArgumentException.class, () -> WebSocketServer.builder(main).allowOrigin("*"));
        assertThrows(IllegalArgumentException.class, () -> WebSocketServer.builder(main).allowOrigin("http://a.b/path"));
    }

    @Test
    void aMessageOverTheFrameLimitClosesTheConnectionWithMessageTooBig() throws Exception {
        WireLimits limits = WireLimits.defaults().toBuilder().maxFrameBytes(4096).build();
        start(IpcSettings.builder().wireLimits(limits).build(), b -> b);
        JdkWebSocketClient client = JdkWebSocketClient.open(server.url());
        client.hello(server.token(), "p");
        CompletableFuture<RendererHandle> gone = new CompletableFuture<>();
        main.onRendererDisconnected(gone::complete);
        client.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"t:note\",\"params\":[\"" + "y".repeat(5000) + "\"]}");
        assertEquals(1009, client.awaitClose());
        assertEquals("p", gone.get(30, TimeUnit.SECONDS).name());
    }

    @Test
    void aBinaryMessageClosesTheConnection() throws Exception {
        start();
        JdkWebSocketClient client = JdkWebSocketClient.open(server.url());
        client.hello(server.token(), "p");
        client.sendBinary(new byte[] {1, 2, 3});
        assertEquals(1003, client.awaitClose());
    }

    @Test
    void aPageThatStopsReadingHoldsMainsSenderBackThenIsDisconnectedAsStalled() throws Exception {
        WireLimits limits = WireLimits.defaults().toBuilder().maxFrameBytes(64 * 1024).maxQueuedOutgoingBytes(256 * 1024)
                .sendStallTimeout(Duration.ofSeconds(2)).build();
        start(IpcSettings.builder().wireLimits(limits).build(), b -> b);
        JdkWebSocketClient client = JdkWebSocketClient.open(server.url());
        client.hello(server.token(), "slow");
        client.stopReading();
        RendererHandle page = main.renderer("slow").orElseThrow();
        String kilobyte = "z".repeat(1024);
        long started = System.nanoTime();
        int sent = 0;
        IpcDisconnectedException stalled = null;
        try {
            for (; sent < 200_000; sent++) {
                page.send("t:flood", kilobyte);
            }
        } catch (IpcDisconnectedException e) {
            stalled = e;
        }
        assertTrue(stalled != null, "200 MB went out to a page that reads nothing");
        assertTrue(System.nanoTime() - started >= TimeUnit.SECONDS.toNanos(2), "closed before the stall timeout");
        assertTrue(sent > 0, "nothing was sent before the stall");
        assertTrue(sent < 200_000);
    }

    @Test
    void aFloodIntoASlowListenerIsHeldBackByBackpressureAndNothingIsLost() throws Exception {
        WireLimits limits = WireLimits.defaults().toBuilder().maxFrameBytes(64 * 1024).maxQueuedOutgoingBytes(256 * 1024)
                .maxQueuedIncomingBytes(256 * 1024).build();
        start(IpcSettings.builder().wireLimits(limits).build(), b -> b);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.List<Integer> received = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        main.on("t:flood", (event, args) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            received.add(((Number) args[0]).intValue());
        });
        JdkWebSocketClient client = JdkWebSocketClient.open(server.url());
        client.hello(server.token(), "flooder");
        int total = 20_000;
        String padding = "p".repeat(1000);
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < total; i++) {
                client.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"t:flood\",\"params\":[" + i + ",\"" + padding + "\"]}");
                sent.incrementAndGet();
            }
        });
        Thread.sleep(3000);
        assertTrue(!flood.isDone() && sent.get() < total,
                "20 MB went into a listener that takes nothing: no backpressure (" + sent.get() + " sent)");
        release.countDown();
        flood.get(120, TimeUnit.SECONDS);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (received.size() < total && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertEquals(total, received.size());
        for (int i = 0; i < total; i++) {
            assertEquals(i, received.get(i));
        }
    }

    @Test
    void staticFilesAreServedFromTheSameOriginWithoutListingsOrEscapes(@TempDir Path web) throws Exception {
        Files.writeString(web.resolve("index.html"), "<h1>panel</h1>");
        Files.createDirectories(web.resolve("sub"));
        Files.writeString(web.resolve("sub/app.js"), "console.log(1)");
        Files.writeString(web.getParent().resolve("secret.txt"), "secret");
        start(IpcSettings.defaults(), b -> b.staticFiles(web));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> index = http.send(HttpRequest.newBuilder(server.pageUrl()).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, index.statusCode());
        assertEquals("<h1>panel</h1>", index.body());
        assertEquals(200, get(http, "/sub/app.js"));
        assertEquals(404, get(http, "/missing.js"));
        assertTrue(get(http, "/sub/") >= 400, "no directory listing");
        assertTrue(get(http, "/../secret.txt") >= 400 && get(http, "/%2e%2e/secret.txt") >= 400, "no escape from the folder");
    }

    private int get(HttpClient http, String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.port() + path);
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
