package io.typedipc.runtime.transport;

import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.WireLimits;
import io.typedipc.runtime.internal.wire.FrameReader;
import io.typedipc.runtime.internal.wire.FrameWriter;
import io.typedipc.runtime.internal.wire.Utf8;
import io.typedipc.runtime.transport.spi.Hello;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Unix domain socket and TCP loopback transports, for a renderer process that main did not start itself.
 *
 * <p>Main listens ({@link #listenUnix}, {@link #listenTcp}) and gets a {@link SocketServer} with an address and a
 * random token, which it hands to the renderer out of band — typically as the environment variables
 * {@value #ADDRESS_ENV} and {@value #TOKEN_ENV} ({@link SocketServer#environment()}). The renderer connects with
 * {@link #connect} or {@link #connectFromEnvironment}. Its first frame must be the handshake request
 *
 * <pre>{@code {"jsonrpc":"2.0","id":0,"method":"$/hello","params":{"token":"<token>","name":"<renderer name>"}}}</pre>
 *
 * Main attaches the connection as a renderer and answers
 * {@code {"jsonrpc":"2.0","id":0,"result":{"protocol":"typed-ipc/1","rendererId":3,"name":"<name>"}}} as its first
 * frame — the renderer's id and the name main gave it (names are unique: a taken one gets a {@code -2}, {@code -3}, …
 * suffix) — so when {@link #connect} returns, main already knows the renderer. A wrong or missing token, an invalid
 * name, another first message, or no hello within {@link #HELLO_TIMEOUT} is answered with an error ({@code -32600})
 * and the connection closed: no channel is reachable before the handshake succeeds.
 */
public final class SocketTransport {
    /** The environment variable {@link SocketServer#environment()} puts the address in. */
    public static final String ADDRESS_ENV = "TYPED_IPC_ADDRESS";
    /** The environment variable {@link SocketServer#environment()} puts the token in. */
    public static final String TOKEN_ENV = "TYPED_IPC_TOKEN";
    /** The handshake's method. */
    public static final String HELLO_METHOD = Hello.METHOD;
    /** What main answers a successful handshake with, as {@code result.protocol}. */
    public static final String PROTOCOL = Hello.PROTOCOL;
    /** How long a renderer waits to connect, and then for main's reply to its hello. */
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /**
     * How long main waits for a new connection's whole hello frame: a renderer sends it at once, and a peer that does
     * not is answered {@code -32600} and closed, so it cannot hold one of the pending handshakes for long.
     */
    public static final Duration HELLO_TIMEOUT = Duration.ofSeconds(2);

    private static final JsonMapper JSON = WireLimits.defaults().mapperBuilder().build();

    private SocketTransport() {}

    /**
     * Listens on a new Unix domain socket, {@code <new folder>/ipc.sock}, in a folder created inside {@code parent}
     * with owner-only permissions ({@code rwx------}; the socket file is {@code rw-------}). Closing the server
     * deletes both.
     */
    public static SocketServer listenUnix(IpcMain main, Path parent) throws IOException {
        return SocketServer.unix(main, parent);
    }

    /** Listens on TCP at {@code 127.0.0.1:port} ({@code 0}: a free port), never on another interface. */
    public static SocketServer listenTcp(IpcMain main, int port) throws IOException {
        return SocketServer.tcp(main, port);
    }

    /**
     * Connects a renderer to main at {@code address} ({@code "unix:/path/ipc.sock"} or
     * {@code "tcp:127.0.0.1:port"}, as {@link SocketServer#address()} gives it) with the handshake.
     *
     * @throws IOException if the connection fails or main refuses the handshake
     * @throws IllegalArgumentException for a malformed address or a TCP host that is not a loopback address
     */
    public static IpcRenderer connect(String address, String token, String name, IpcSettings settings)
            throws IOException {
        return connect(address, token, name, settings, renderer -> { });
    }

    /**
     * As {@link #connect(String, String, String, IpcSettings)}, running {@code setup} before the first message from
     * main is read: register the renderer's handlers there so that main's first request finds them.
     */
    public static IpcRenderer connect(String address, String token, String name, IpcSettings settings,
            Consumer<? super IpcRenderer> setup) throws IOException {
        Objects.requireNonNull(setup, "setup");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(settings, "settings");
        SocketAddress target = parseAddress(address);
        SocketChannel channel = SocketChannel.open(
                target instanceof UnixDomainSocketAddress ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET);
        // One timer for connecting and the handshake: closing the channel ends a connect() or read() that waits.
        ScheduledFuture<?> timeout = LinkTimer.schedule(() -> closeQuietly(channel), HANDSHAKE_TIMEOUT);
        try {
            channel.connect(target);
            noDelay(channel);
            InputStream in = new BufferedInputStream(SocketStreams.input(channel), 8192);
            OutputStream out = SocketStreams.output(channel);
            ObjectNode params = JSON.createObjectNode().put("token", token).put("name", name);
            if (settings.window() != null) {
                params.put("window", settings.window()); // the window this renderer is a panel of
            }
            ObjectNode hello = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 0).put("method", HELLO_METHOD);
            hello.set("params", params);
            new FrameWriter(out).writeAndFlush(JSON.writeValueAsBytes(hello));
            byte[] frame = new FrameReader(in, settings.wireLimits().maxFrameBytes(), settings.wireLimits().maxHeaderBytes()).read();
            if (frame == null) {
                throw new IOException("main closed the connection during the handshake");
            }
            JsonNode reply = JSON.readTree(frame);
            if (reply.has("error")) {
                throw new IOException("main refused the connection: " + reply.get("error").path("message").asString(""));
            }
            if (!PROTOCOL.equals(reply.path("result").path("protocol").asString(null))) {
                throw new IOException("not a Typed IPC handshake reply: " + reply);
            }
            if (!timeout.cancel(false)) {
                throw new IOException("the handshake timer closed the connection");
            }
            String given = reply.path("result").path("name").asString(name); // the name main gave us
            int rendererId = reply.path("result").path("rendererId").asInt(0);
            if (rendererId <= 0) {
                throw new IOException("the handshake reply has no positive rendererId: " + reply);
            }
            StreamLink link = new StreamLink(in, out, channel, "socket " + address, settings.wireLimits());
            ExitFlush.register(link);
            return IpcRenderer.connect(link, rendererId, given, settings, setup);
        } catch (JacksonException e) {
            timeout.cancel(false);
            closeQuietly(channel);
            throw new IOException("unreadable handshake reply from " + address + ": " + e.getOriginalMessage(), e);
        } catch (IOException | RuntimeException e) {
            boolean timedOut = !timeout.cancel(false);
            closeQuietly(channel);
            if (timedOut && e instanceof IOException) {
                throw new IOException("could not connect and hand-shake with " + address + " within "
                        + HANDSHAKE_TIMEOUT.toMillis() + " ms", e);
            }
            throw e;
        }
    }

    /** {@link #connect} with the address and token from {@value #ADDRESS_ENV} and {@value #TOKEN_ENV}. */
    public static IpcRenderer connectFromEnvironment(String name, IpcSettings settings) throws IOException {
        return connectFromEnvironment(name, settings, renderer -> { });
    }

    /** As {@link #connectFromEnvironment(String, IpcSettings)}, with {@code setup} run before the first message. */
    public static IpcRenderer connectFromEnvironment(String name, IpcSettings settings,
            Consumer<? super IpcRenderer> setup) throws IOException {
        String address = System.getenv(ADDRESS_ENV);
        String token = System.getenv(TOKEN_ENV);
        if (address == null || token == null) {
            throw new IllegalStateException(ADDRESS_ENV + " and " + TOKEN_ENV + " must both be set");
        }
        return connect(address, token, name, settings, setup);
    }

    static SocketAddress parseAddress(String address) {
        Objects.requireNonNull(address, "address");
        if (address.startsWith("unix:")) {
            return UnixDomainSocketAddress.of(address.substring("unix:".length()));
        }
        if (address.startsWith("tcp:")) {
            String hostPort = address.substring("tcp:".length());
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("expected tcp:<host>:<port>, got " + address);
            }
            String host = hostPort.substring(0, colon);
            int port;
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected tcp:<host>:<port>, got " + address, e);
            }
            InetAddress inet;
            try {
                inet = InetAddress.getByName(host);
            } catch (IOException e) {
                throw new IllegalArgumentException("unknown host in " + address, e);
            }
            if (!inet.isLoopbackAddress()) {
                throw new IllegalArgumentException("Typed IPC connects over TCP only to loopback addresses, not " + host);
            }
            return new InetSocketAddress(inet, port);
        }
        throw new IllegalArgumentException("expected unix:<path> or tcp:<host>:<port>, got " + address);
    }

    /** Answers a refused handshake ({@code "handshake refused: …"}); the caller closes the connection. */
    static void refuse(OutputStream out, Object id, int code, String why) {
        try {
            new FrameWriter(out).writeAndFlush(Hello.refusal(id, code, why));
        } catch (IOException e) {
            System.getLogger(SocketTransport.class.getName()).log(System.Logger.Level.DEBUG,
                    () -> "could not answer a refused handshake: " + e);
        }
    }

    /**
     * Turns Nagle's algorithm off on a TCP channel: a small request would otherwise wait for the previous reply's
     * delayed acknowledgement (tens of milliseconds) before it goes out. Unix domain sockets have no such option.
     */
    static void noDelay(SocketChannel channel) throws IOException {
        if (channel.getRemoteAddress() instanceof InetSocketAddress) {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
    }

    /**
     * Main's half of the handshake: reads and checks the hello ({@link Hello}'s rules). Returns the accepted hello,
     * whose success reply is not yet sent (the caller queues it on the renderer's link, so that it goes out once main
     * has attached the renderer); or {@code null} after answering a refusal, or at the end of the stream.
     */
    static Hello.Accepted acceptHello(InputStream in, OutputStream out, Hello rules, WireLimits limits)
            throws IOException {
        Hello.Outcome outcome = rules.read(in, limits.maxFrameBytes(), limits.maxHeaderBytes());
        if (outcome instanceof Hello.Refused refused) {
            new FrameWriter(out).writeAndFlush(refused.reply());
            return null;
        }
        return (Hello.Accepted) outcome;
    }

    static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            System.getLogger(SocketTransport.class.getName()).log(System.Logger.Level.DEBUG, () -> "close: " + e);
        }
    }
}
