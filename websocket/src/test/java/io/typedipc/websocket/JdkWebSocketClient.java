package io.typedipc.websocket;

import io.typedipc.runtime.transport.spi.Link;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A WebSocket peer written with the JDK's own client (java.net.http), not with Jetty: the renderer side of the tests.
 * As a {@link Link} it carries a renderer context; before that, a test can read and send raw messages and watch how
 * the server closes.
 */
final class JdkWebSocketClient implements Link, WebSocket.Listener {
    private final WebSocket socket;
    private final URI uri;
    private final Object sendLock = new Object();
    private final StringBuilder partial = new StringBuilder();
    private final LinkedBlockingQueue<String> early = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeStatus = new CompletableFuture<>();
    private final AtomicBoolean closeFired = new AtomicBoolean();
    private volatile long closeArrivedNanos;
    private volatile Listener listener;
    private volatile boolean autoRead = true;

    private JdkWebSocketClient(URI uri, Map<String, String> headers) {
        this.uri = uri;
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        headers.forEach(builder::header);
        this.socket = builder.buildAsync(uri, this).orTimeout(30, TimeUnit.SECONDS).join();
    }

    static JdkWebSocketClient open(URI uri) {
        return new JdkWebSocketClient(uri, Map.of());
    }

    static JdkWebSocketClient open(URI uri, Map<String, String> headers) {
        return new JdkWebSocketClient(uri, headers);
    }

    /** Sends the {@code $/hello} handshake and returns main's reply. */
    String hello(String token, String name) throws Exception {
        return hello(token, name, null);
    }

    /** Sends the {@code $/hello} handshake naming the renderer's window ({@code null}: none) and returns main's reply. */
    String hello(String token, String name, String window) throws Exception {
        sendText("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"$/hello\",\"params\":{\"token\":\"" + token
                + "\",\"name\":\"" + name + "\"" + (window == null ? "" : ",\"window\":\"" + window + "\"") + "}}");
        return next();
    }

    /** The next message that arrived before the link was started (30 s at most). */
    String next() throws InterruptedException {
        String message = early.poll(30, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message within 30 s");
        }
        return message;
    }

    /** The close status the server sent (30 s at most). */
    int awaitClose() {
        return closeStatus.orTimeout(30, TimeUnit.SECONDS).join();
    }

    /**
     * When main's close frame arrived ({@link System#nanoTime()}), read after {@link #awaitClose()}: taken on the
     * client's reading thread, so a test thread that wakes late does not move it.
     */
    long closeArrivedNanos() {
        return closeArrivedNanos;
    }

    /** Stops asking for messages: the server's writes pile up (a page that stopped reading). */
    void stopReading() {
        autoRead = false;
    }

    void sendText(String text) {
        synchronized (sendLock) {
            socket.sendText(text, true).orTimeout(60, TimeUnit.SECONDS).join();
        }
    }

    void sendBinary(byte[] bytes) {
        synchronized (sendLock) {
            socket.sendBinary(ByteBuffer.wrap(bytes), true).orTimeout(60, TimeUnit.SECONDS).join();
        }
    }

    // ------------------------------------------------------------------------------------------------ Link

    @Override
    public void start(Listener listener) {
        List<String> waiting = new ArrayList<>();
        early.drainTo(waiting);
        this.listener = listener;
        waiting.forEach(message -> listener.onFrame(message.getBytes(StandardCharsets.UTF_8)));
        if (closeStatus.isDone()) {
            fireClose(null);
        }
    }

    @Override
    public void send(byte[] frame) throws IOException {
        try {
            sendText(new String(frame, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new IOException("send failed on " + uri, e);
        }
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
        socket.abort();
        fireClose(null);
    }

    @Override
    public String describe() {
        return "JDK WebSocket client " + uri;
    }

    // ------------------------------------------------------------------------------------------------ WebSocket.Listener

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String message = partial.toString();
            partial.setLength(0);
            Listener target = listener;
            if (target == null) {
                early.add(message);
            } else {
                target.onFrame(message.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (autoRead) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeArrivedNanos = System.nanoTime();
        closeStatus.complete(statusCode);
        fireClose(statusCode == WebSocket.NORMAL_CLOSURE ? null : new IOException("closed with " + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeStatus.complete(-1);
        fireClose(error);
    }

    private void fireClose(Throwable cause) {
        Listener target = listener;
        if (target != null && closeFired.compareAndSet(false, true)) {
            target.onClose(cause);
        }
    }
}
