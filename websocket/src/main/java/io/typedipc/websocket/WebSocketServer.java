package io.typedipc.websocket;

import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.transport.spi.Hello;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * Renderers in web pages: a WebSocket endpoint for a Typed IPC {@link IpcMain}, and the page's own static files from
 * the same origin. Bound to {@code 127.0.0.1} only.
 *
 * <pre>{@code
 * try (WebSocketServer server = WebSocketServer.builder(main).staticFiles(Path.of("web")).start()) {
 *     Path folder = Files.createTempDirectory("my-app-",
 *             PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
 *     Path launcher = Files.writeString(folder.resolve("open.html"),
 *             "<!doctype html><meta name=\"referrer\" content=\"no-referrer\"><script>location.replace(\""
 *                     + server.pageUrl() + "#token=" + server.token() + "\")</script>");
 *     System.out.println("open " + launcher.toUri());
 *     ...
 * }
 * }</pre>
 *
 * <p>The page's address with its token ({@code pageUrl() + "#token=" + token()}) is a secret: whoever reads the token
 * can connect as a renderer, and standard output is kept by terminals, CI logs and supervisors. So hand it over in a
 * file only the user can read, which sends the browser on to the page, and print only the file's path (the sample's
 * browser panel does this; docs/javascript.md, "The browser"). The token travels in the URL's fragment, which
 * browsers never send to a server; the page removes it from the address bar before it connects.
 *
 * <ul>
 *   <li>The page connects to {@link #url()} ({@code ws://127.0.0.1:<port>/typed-ipc}) and its first message must be
 *       the {@code $/hello} handshake with {@link #token()} (docs/protocol.md, "WebSocket"): a browser cannot set
 *       headers on a WebSocket, and a token in a URL ends up in logs, so it travels in the first message. Nothing
 *       reaches a channel before the handshake; a wrong token, another first message, more than
 *       {@link #MAX_HELLO_BYTES} or no hello within the handshake timeout (10 s) is answered with a {@code handshake
 *       refused} error and closed.</li>
 *   <li>An upgrade request with an {@code Origin} header that is not on the allow-list is refused with HTTP 403
 *       before any WebSocket exists (Electron's security checklist: a page from elsewhere must not reach main). The
 *       list holds this server's own origins ({@code http://127.0.0.1:<port>}, {@code http://localhost:<port>})
 *       and whatever {@link Builder#allowOrigin} adds. A request without {@code Origin} (not a browser) is let
 *       through to the token check.</li>
 *   <li>Messages are text, one JSON-RPC message each, at most {@code WireLimits.maxFrameBytes()} (a larger one closes
 *       the connection with status 1009); a binary message closes it with 1003. Outgoing messages are bounded by
 *       {@code maxQueuedOutgoingBytes} with the same backpressure as the other transports, and the next incoming
 *       message is read only once main's incoming budget has room.</li>
 * </ul>
 *
 * {@link #close()} stops the server: every WebSocket closes, and its renderer disconnects from main.
 */
public final class WebSocketServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WebSocketServer.class.getName());
    /** The WebSocket's path. */
    public static final String PATH = "/typed-ipc";
    /** How long a new WebSocket may take to send its handshake. */
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** The largest handshake message. */
    public static final int MAX_HELLO_BYTES = Hello.MAX_BYTES;

    private final Server server;
    private final ScheduledExecutorService timer;
    private final String token;
    private final int port;

    private WebSocketServer(Server server, ScheduledExecutorService timer, String token, int port) {
        this.server = server;
        this.timer = timer;
        this.token = token;
        this.port = port;
    }

    /** Starts configuring a server for {@code main}. */
    public static Builder builder(IpcMain main) {
        return new Builder(Objects.requireNonNull(main, "main"));
    }

    /** The WebSocket's address: {@code ws://127.0.0.1:<port>/typed-ipc}. */
    public URI url() {
        return URI.create("ws://127.0.0.1:" + port + PATH);
    }

    /** The static files' root: {@code http://127.0.0.1:<port>/}. */
    public URI pageUrl() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    /** The secret a page must send in its handshake: 32 random bytes, base64url. Hand it over out of band. */
    public String token() {
        return token;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.log(Level.WARNING, () -> "stopping " + this + ": " + e);
        } finally {
            timer.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "WebSocketServer " + url();
    }

    /** How to build a {@link WebSocketServer}. */
    public static final class Builder {
        private final IpcMain main;
        private int port;
        private Duration handshakeTimeout = HANDSHAKE_TIMEOUT;
        private final Set<String> extraOrigins = new LinkedHashSet<>();
        private Path staticDirectory;
        private ClassLoader resourceLoader;
        private String resourceFolder;

        private Builder(IpcMain main) {
            this.main = main;
        }

        /** The TCP port on {@code 127.0.0.1}; {@code 0} (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, not " + port);
            }
            this.port = port;
            return this;
        }

        /** How long a new WebSocket may take to send its handshake (default {@link #HANDSHAKE_TIMEOUT}). */
        public Builder handshakeTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the handshake timeout must be positive, not " + timeout);
            }
            this.handshakeTimeout = timeout;
            return this;
        }

        /**
         * Also accepts pages from {@code origin} (scheme, host and port, such as {@code "http://localhost:5173"}):
         * for a page served from somewhere else, such as a development server. {@code "null"} and {@code "*"} are
         * refused: they would let any page in.
         */
        public Builder allowOrigin(String origin) {
            Objects.requireNonNull(origin, "origin");
            URI uri;
            try {
                uri = URI.create(origin);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not an origin: " + origin, e);
            }
            if (uri.getScheme() == null || uri.getHost() == null || uri.getPath() != null && !uri.getPath().isEmpty()
                    || uri.getQuery() != null || uri.getFragment() != null) {
                throw new IllegalArgumentException("an origin is scheme://host[:port], not " + origin);
            }
            extraOrigins.add(origin.toLowerCase(Locale.ROOT));
            return this;
        }

        /** Serves the files under {@code directory} at {@code /} (no directory listings). */
        public Builder staticFiles(Path directory) {
            if (!Files.isDirectory(directory)) {
                throw new IllegalArgumentException("not a directory: " + directory);
            }
            this.staticDirectory = directory.toAbsolutePath();
            this.resourceLoader = null;
            this.resourceFolder = null;
            return this;
        }

        /** Serves the class-path resources under {@code folder} (such as {@code "web"}) of {@code loader} at {@code /}. */
        public Builder staticResources(ClassLoader loader, String folder) {
            this.resourceLoader = Objects.requireNonNull(loader, "loader");
            this.resourceFolder = Objects.requireNonNull(folder, "folder");
            this.staticDirectory = null;
            return this;
        }

        /** Starts listening. */
        public WebSocketServer start() throws IOException {
            QueuedThreadPool threads = new QueuedThreadPool();
            threads.setName("typed-ipc-websocket");
            threads.setDaemon(true);
            Server server = new Server(threads);
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(port);
            server.addConnector(connector);
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "typed-ipc-websocket-handshakes");
                thread.setDaemon(true);
                return thread;
            });
            String token = newToken();
            Hello hello = new Hello(token);
            OriginCheck origins = new OriginCheck(extraOrigins);
            WebSocketUpgradeHandler upgrades = WebSocketUpgradeHandler.from(server, container -> {
                container.setMaxTextMessageSize(main.settings().wireLimits().maxFrameBytes());
                container.setMaxBinaryMessageSize(1024);
                container.setIdleTimeout(handshakeTimeout.plusSeconds(5));
                container.addMapping(PATH, (request, response, callback) -> {
                    String origin = request.getHeaders().get(HttpHeader.ORIGIN);
                    int localPort = Request.getLocalPort(request);
                    if (origin != null && !origins.allows(origin, localPort)) {
                        LOG.log(Level.WARNING, () -> "refused a WebSocket from origin " + origin);
                        Response.writeError(request, response, callback, 403, "origin not allowed");
                        return null;
                    }
                    String peer = Request.getRemoteAddr(request) + ":" + Request.getRemotePort(request);
                    return new RendererEndpoint(main, hello, peer, timer, handshakeTimeout);
                });
            });
            upgrades.setHandler(staticHandler(server));
            server.setHandler(upgrades);
            try {
                server.start();
            } catch (Exception e) {
                timer.shutdownNow();
                try {
                    server.stop();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e instanceof IOException io ? io : new IOException("could not start the WebSocket server", e);
            }
            int bound = connector.getLocalPort();
            return new WebSocketServer(server, timer, token, bound);
        }

        private Handler staticHandler(Server server) {
            Resource base = null;
            if (staticDirectory != null) {
                base = ResourceFactory.of(server).newResource(staticDirectory);
            } else if (resourceLoader != null) {
                ClassLoader previous = Thread.currentThread().getContextClassLoader();
                Thread.currentThread().setContextClassLoader(resourceLoader);
                try {
                    base = ResourceFactory.of(server).newClassLoaderResource(resourceFolder, false);
                } finally {
                    Thread.currentThread().setContextClassLoader(previous);
                }
                if (base == null) {
                    throw new IllegalArgumentException("no class-path folder " + resourceFolder);
                }
            }
            if (base == null) {
                return new Handler.Abstract() {
                    @Override
                    public boolean handle(Request request, Response response, Callback callback) {
                        Response.writeError(request, response, callback, 404, "no static files are served");
                        return true;
                    }
                };
            }
            ResourceHandler files = new ResourceHandler();
            files.setBaseResource(base);
            files.setDirAllowed(false);
            files.setWelcomeFiles(List.of("index.html"));
            return files;
        }

        private static String newToken() {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        }
    }

    /** The Origin allow-list: this server's own origins, and the configured ones. */
    static final class OriginCheck {
        private final List<String> extra;

        OriginCheck(Set<String> extra) {
            this.extra = new ArrayList<>(extra);
        }

        boolean allows(String origin, int localPort) {
            String o = origin.toLowerCase(Locale.ROOT);
            return o.equals("http://127.0.0.1:" + localPort) || o.equals("http://localhost:" + localPort) || extra.contains(o);
        }
    }
}
