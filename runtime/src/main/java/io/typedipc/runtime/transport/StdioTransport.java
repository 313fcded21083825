package io.typedipc.runtime.transport;

import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.RendererHandle;
import io.typedipc.runtime.WireLimits;
import io.typedipc.runtime.internal.wire.FrameReader;
import java.io.ByteArrayInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The renderer's side of {@link ChildProcessTransport}: connects this process, as a renderer, to the main process
 * that launched it, over this process's own stdin and stdout.
 *
 * <pre>{@code
 * public static void main(String[] args) throws InterruptedException {
 *     // register the renderer's channels in setup, before the first message from main is read
 *     IpcRenderer renderer = StdioTransport.connectRenderer("assets-panel", IpcSettings.defaults(),
 *             r -> AssetPanelDispatcher.register(r, new AssetPanelImpl()));
 *     renderer.awaitDisconnect(Long.MAX_VALUE, TimeUnit.DAYS);   // returns when main closes or its process ends
 *     renderer.close();
 * }
 * }</pre>
 *
 * Stdout carries frames, so it is taken away from the rest of the program: {@link System#out} is pointed at
 * {@link System#err}, and {@link System#in} is replaced by an empty stream, so a stray {@code println} or a library
 * reading stdin cannot corrupt the protocol. Native code or child processes that write to file descriptor 1
 * directly are not covered. Call it once, before anything else prints.
 *
 * <p>What the renderer sent is written before the process exits, however it ends (returning from {@code main},
 * {@code System.exit}, after {@code close()} or not): the JVM's exit waits up to 5 seconds for the queued frames.
 *
 * <p><b>Who this renderer is.</b> Stdio has no handshake, so main names the renderer. When main launched this process
 * with {@link ChildProcessTransport}, the environment variable {@value #WELCOME_ENV} says so and main's first frame
 * is the notification
 * {@code {"jsonrpc":"2.0","method":"$/welcome","params":{"protocol":"typed-ipc/1","rendererId":3,"name":"<name>"}}}:
 * {@link #connectRenderer} reads it first (waiting up to {@link #WELCOME_TIMEOUT}), so the renderer's
 * {@link IpcRenderer#id()} and {@link IpcRenderer#name()} are main's from the start. Without that variable nothing is
 * read ahead: the renderer keeps the name it asked for and its id is empty.
 */
public final class StdioTransport {
    /**
     * The environment variable {@link ChildProcessTransport} sets in the child to {@value SocketTransport#PROTOCOL}:
     * main's first frame on the child's stdin is a {@value #WELCOME_METHOD} notification.
     */
    public static final String WELCOME_ENV = "TYPED_IPC_STDIO_WELCOME";
    /** The method of main's first frame to a child it launched, carrying the renderer's id and name. */
    public static final String WELCOME_METHOD = "$/welcome";
    /** How long {@link #connectRenderer} waits for main's {@value #WELCOME_METHOD} when {@value #WELCOME_ENV} is set. */
    public static final Duration WELCOME_TIMEOUT = SocketTransport.HANDSHAKE_TIMEOUT;

    private static final AtomicBoolean CONNECTED = new AtomicBoolean();
    private static final JsonMapper JSON = WireLimits.defaults().mapperBuilder().build();

    private StdioTransport() {}

    /**
     * Connects over stdin/stdout with {@code settings}' {@link IpcSettings#wireLimits()}.
     *
     * @throws IllegalStateException if this process already connected over stdio
     */
    public static IpcRenderer connectRenderer(String name, IpcSettings settings) {
        return connectRenderer(name, settings, renderer -> { });
    }

    /**
     * As {@link #connectRenderer(String, IpcSettings)}, running {@code setup} before the first message from main is
     * read: register the renderer's handlers there so that main's first request finds them.
     */
    public static IpcRenderer connectRenderer(String name, IpcSettings settings, Consumer<? super IpcRenderer> setup) {
        if (!CONNECTED.compareAndSet(false, true)) {
            throw new IllegalStateException("this process is already connected over its stdin and stdout");
        }
        System.out.flush();
        // Not buffered: the link's reader reads ahead in bulk itself; the welcome is read without reading beyond it.
        InputStream in = new FileInputStream(FileDescriptor.in);
        FileOutputStream out = new FileOutputStream(FileDescriptor.out);
        System.setOut(System.err);
        System.setIn(new ByteArrayInputStream(new byte[0]));
        Welcome welcome = SocketTransport.PROTOCOL.equals(System.getenv(WELCOME_ENV))
                ? readWelcome(in, settings.wireLimits()) : null;
        // Main is this process's one peer, so the dispatch thread may write its replies to stdout itself.
        StreamLink link = new StreamLink(in, out, null, "stdio pid " + ProcessHandle.current().pid(),
                settings.wireLimits(), StreamLink.OwnWrites.ALL);
        ExitFlush.register(link); // this process's life is the connection: what it sent reaches main even at exit
        return welcome == null ? IpcRenderer.connect(link, name, settings, setup)
                : IpcRenderer.connect(link, welcome.rendererId(), welcome.name(), settings, setup);
    }

    /** The id and name main gave a renderer it launched, from its {@value #WELCOME_METHOD}. */
    record Welcome(int rendererId, String name) {}

    /** Main's first frame to a child it launched: the {@value #WELCOME_METHOD} notification for {@code handle}. */
    static byte[] welcomeFrame(RendererHandle handle) {
        ObjectNode params = JSON.createObjectNode().put("protocol", SocketTransport.PROTOCOL)
                .put("rendererId", handle.id()).put("name", handle.name());
        ObjectNode frame = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", WELCOME_METHOD);
        frame.set("params", params);
        return JSON.writeValueAsBytes(frame);
    }

    /**
     * Reads main's {@value #WELCOME_METHOD}, the first frame on {@code in}, and nothing after it (the link reads the
     * rest). A blocking read of stdin cannot be given a timeout, so it runs on a daemon thread of its own.
     *
     * @throws IllegalStateException if main sends something else, closes stdin, or sends nothing in time
     */
    static Welcome readWelcome(InputStream in, WireLimits limits) {
        CompletableFuture<byte[]> first = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                first.complete(new FrameReader(in, limits.maxFrameBytes(), limits.maxHeaderBytes()).read());
            } catch (IOException | RuntimeException e) {
                first.completeExceptionally(e);
            }
        }, "typed-ipc-stdio-welcome");
        reader.setDaemon(true);
        reader.start();
        byte[] frame;
        try {
            frame = first.get(WELCOME_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(WELCOME_ENV + " is set, but main sent no " + WELCOME_METHOD + " within "
                    + WELCOME_TIMEOUT.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? new UncheckedIOException("reading main's " + WELCOME_METHOD, io)
                    : new IllegalStateException("reading main's " + WELCOME_METHOD + ": " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for main's " + WELCOME_METHOD, e);
        }
        if (frame == null) {
            throw new IllegalStateException("main closed stdin before its " + WELCOME_METHOD);
        }
        try {
            JsonNode message = JSON.readTree(frame);
            JsonNode params = message.path("params");
            int rendererId = params.path("rendererId").asInt(0);
            if (!WELCOME_METHOD.equals(message.path("method").asString(null)) || message.has("id")
                    || !SocketTransport.PROTOCOL.equals(params.path("protocol").asString(null)) || rendererId <= 0
                    || !params.path("name").isString()) {
                throw new IllegalStateException("main's first frame is not a " + WELCOME_METHOD + " notification: "
                        + message);
            }
            return new Welcome(rendererId, params.path("name").asString());
        } catch (JacksonException e) {
            throw new IllegalStateException("main's first frame is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
