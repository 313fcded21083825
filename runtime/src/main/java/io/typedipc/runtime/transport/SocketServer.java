package io.typedipc.runtime.transport;

import io.typedipc.runtime.IpcMain;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;

/**
 * A listening Unix domain socket or TCP loopback socket that attaches each renderer that passes the handshake to its
 * {@link IpcMain} (see {@link SocketTransport}). Made by {@link SocketTransport#listenUnix} and
 * {@link SocketTransport#listenTcp}. {@link #close()} stops listening (and deletes the socket file and its folder);
 * renderers already connected stay connected until they or main close.
 */
public final class SocketServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SocketServer.class.getName());
    /** Handshakes in progress at once; more connections wait in the accept backlog. */
    private static final int MAX_PENDING_HANDSHAKES = 16;

    private final IpcMain main;
    private final ServerSocketChannel server;
    private final String address;
    private final String token;
    private final byte[] tokenBytes;
    private final Path socketFile;
    private final Path folder;
    private final Semaphore handshakes = new Semaphore(MAX_PENDING_HANDSHAKES);
    private volatile boolean closed;

    private SocketServer(IpcMain main, ServerSocketChannel server, String address, Path socketFile, Path folder) {
        this.main = main;
        this.server = server;
        this.address = address;
        this.socketFile = socketFile;
        this.folder = folder;
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        this.tokenBytes = token.getBytes(StandardCharsets.UTF_8);
        Thread acceptor = new Thread(this::acceptLoop, "typed-ipc-accept " + address);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static SocketServer unix(IpcMain main, Path parent) throws IOException {
        Path folder = Files.createTempDirectory(parent, "typed-ipc-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path socketFile = folder.resolve("ipc.sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socketFile));
            Files.setPosixFilePermissions(socketFile, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | RuntimeException e) {
            server.close();
            Files.deleteIfExists(socketFile);
            Files.deleteIfExists(folder);
            throw e;
        }
        return new SocketServer(main, server, "unix:" + socketFile, socketFile, folder);
    }

    static SocketServer tcp(IpcMain main, int port) throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET);
        try {
            server.bind(new InetSocketAddress(loopback, port));
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        int bound = ((InetSocketAddress) server.getLocalAddress()).getPort();
        return new SocketServer(main, server, "tcp:127.0.0.1:" + bound, null, null);
    }

    /** Where renderers connect: {@code "unix:/path/ipc.sock"} or {@code "tcp:127.0.0.1:port"}. */
    public String address() {
        return address;
    }

    /** The secret a renderer must present in its handshake: 32 random bytes, base64url. Hand it over out of band. */
    public String token() {
        return token;
    }

    /** The socket file of a Unix domain socket server, or {@code null} for TCP. */
    public Path socketFile() {
        return socketFile;
    }

    /**
     * The environment a renderer process needs for {@link SocketTransport#connectFromEnvironment}:
     * {@code processBuilder.environment().putAll(server.environment())}.
     */
    public Map<String, String> environment() {
        return Map.of(SocketTransport.ADDRESS_ENV, address, SocketTransport.TOKEN_ENV, token);
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "closing " + address + ": " + e);
        }
        if (socketFile != null) {
            try {
                Files.deleteIfExists(socketFile);
                Files.deleteIfExists(folder);
            } catch (IOException e) {
                LOG.log(Level.WARNING, () -> "could not delete " + socketFile + ": " + e);
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel channel;
            try {
                handshakes.acquireUninterruptibly();
                channel = server.accept();
            } catch (ClosedChannelException e) {
                handshakes.release();
                return;
            } catch (IOException e) {
                handshakes.release();
                if (!closed) {
                    LOG.log(Level.WARNING, () -> "accept failed on " + address + "; no longer listening: " + e);
                    close();
                }
                return;
            }
            Thread handshake = new Thread(() -> {
                try {
                    handshake(channel);
                } finally {
                    handshakes.release();
                }
            }, "typed-ipc-handshake " + address);
            handshake.setDaemon(true);
            handshake.start();
        }
    }

    private void handshake(SocketChannel channel) {
        ScheduledFuture<?> timeout = LinkTimer.schedule(() -> SocketTransport.closeQuietly(channel),
                SocketTransport.HANDSHAKE_TIMEOUT);
        try {
            SocketTransport.noDelay(channel);
            InputStream in = new BufferedInputStream(SocketStreams.input(channel), 8192);
            OutputStream out = SocketStreams.output(channel);
            SocketTransport.Hello hello = SocketTransport.acceptHello(in, out, tokenBytes, main.settings().wireLimits());
            if (hello == null || !timeout.cancel(false) || closed) {
                LOG.log(Level.INFO, () -> "refused a connection on " + address);
                SocketTransport.closeQuietly(channel);
                return;
            }
            StreamLink link = new StreamLink(in, out, channel, "socket " + address + " renderer " + hello.name(),
                    main.settings().wireLimits());
            // The reply is the link's first frame: it goes out once main has attached the renderer, so a renderer
            // whose connect() returned is already known to main, and nothing main sends can overtake the reply.
            link.send(hello.reply());
            try {
                main.attach(link, hello.name());
            } catch (RuntimeException e) {
                link.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.INFO, () -> "handshake failed on " + address + ": " + e);
            timeout.cancel(false);
            SocketTransport.closeQuietly(channel);
        }
    }

    @Override
    public String toString() {
        return "SocketServer " + address;
    }
}
