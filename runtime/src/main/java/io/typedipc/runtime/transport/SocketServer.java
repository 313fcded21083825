package io.typedipc.runtime.transport;

import io.typedipc.runtime.ErrorCodes;
import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.internal.wire.LogText;
import io.typedipc.runtime.internal.wire.ViolationLog;
import io.typedipc.runtime.transport.spi.Hello;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A listening Unix domain socket or TCP loopback socket that attaches each renderer that passes the handshake to its
 * {@link IpcMain} (see {@link SocketTransport}). Made by {@link SocketTransport#listenUnix} and
 * {@link SocketTransport#listenTcp}. {@link #close()} stops listening (and deletes the socket file and its folder);
 * renderers already connected stay connected until they or main close.
 */
public final class SocketServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SocketServer.class.getName());
    /**
     * Handshakes in progress at once. The accept loop never waits for a slot: one connection more closes the oldest
     * pending one, so anonymous peers cannot lock renderers out by connecting and saying nothing.
     */
    static final int MAX_PENDING_HANDSHAKES = 256;
    /** How long accepting pauses after a failed accept (such as no file descriptors left) before it tries again. */
    private static final long ACCEPT_RETRY_MILLIS = 100;

    private final IpcMain main;
    private final ServerSocketChannel server;
    private final String address;
    private final String token;
    private final Hello hellos;
    private final Path socketFile;
    private final Path folder;
    /** Connections accepted and still in their handshake, oldest first. */
    private final ConcurrentLinkedDeque<SocketChannel> pending = new ConcurrentLinkedDeque<>();
    private final AtomicInteger pendingCount = new AtomicInteger();
    private final ViolationLog refusals = new ViolationLog();
    private final ViolationLog evictions = new ViolationLog();
    private final ViolationLog acceptFailures = new ViolationLog();
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
        this.hellos = new Hello(token);
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
                channel = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                // Such as "too many open files": a peer must not be able to end the listening for good.
                acceptFailures.log(LOG, Level.WARNING, () -> "accept failed on " + address + " (retrying): " + e);
                pause();
                continue;
            }
            pending.addLast(channel);
            if (pendingCount.incrementAndGet() > MAX_PENDING_HANDSHAKES) {
                SocketChannel oldest = pending.pollFirst();
                if (oldest != null) {
                    pendingCount.decrementAndGet();
                    evictions.log(LOG, Level.WARNING, () -> MAX_PENDING_HANDSHAKES + " handshakes pending on " + address
                            + ": closed the oldest");
                    SocketTransport.closeQuietly(oldest);
                }
            }
            Thread handshake = new Thread(() -> {
                try {
                    handshake(channel);
                } finally {
                    if (pending.remove(channel)) {
                        pendingCount.decrementAndGet();
                    }
                }
            }, "typed-ipc-handshake " + address);
            handshake.setDaemon(true);
            handshake.start();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(ACCEPT_RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handshake(SocketChannel channel) {
        AtomicBoolean timedOut = new AtomicBoolean();
        // At the timeout the input is shut: the read below ends, and this thread answers and closes.
        ScheduledFuture<?> timeout = LinkTimer.schedule(() -> {
            timedOut.set(true);
            shutdownInput(channel);
        }, SocketTransport.HELLO_TIMEOUT);
        OutputStream out = SocketStreams.output(channel);
        try {
            SocketTransport.noDelay(channel);
            InputStream in = new BufferedInputStream(SocketStreams.input(channel), 8192);
            Hello.Accepted hello;
            try {
                hello = SocketTransport.acceptHello(in, out, hellos, main.settings().wireLimits());
            } catch (IOException e) {
                hello = null;
                if (!timedOut.get()) {
                    throw e;
                }
            }
            if (hello == null || !timeout.cancel(false) || closed) {
                if (timedOut.get()) {
                    SocketTransport.refuse(out, null, ErrorCodes.INVALID_REQUEST, "no " + SocketTransport.HELLO_METHOD
                            + " within " + SocketTransport.HELLO_TIMEOUT.toMillis() + " ms");
                }
                refusals.log(LOG, Level.INFO, () -> "refused a connection on " + address
                        + (timedOut.get() ? ": no handshake in time" : ""));
                SocketTransport.closeQuietly(channel);
                return;
            }
            attach(channel, in, out, hello);
        } catch (IOException | RuntimeException e) {
            refusals.log(LOG, Level.INFO, () -> "handshake failed on " + address + ": " + LogText.of(e.toString()));
            timeout.cancel(false);
            SocketTransport.closeQuietly(channel);
        }
    }

    private void attach(SocketChannel channel, InputStream in, OutputStream out, Hello.Accepted hello)
            throws IOException {
        StreamLink link = new StreamLink(in, out, channel, "socket " + address + " renderer " + LogText.of(hello.name()),
                main.settings().wireLimits());
        try {
            // The reply is the link's first frame, made once main has attached the renderer (it carries the id and
            // the name main gave it), so a renderer whose connect() returned is known to main, and nothing main
            // sends can overtake the reply.
            main.attach(link, hello.name(), hello.window(), handle -> hello.reply(handle.id(), handle.name()));
        } catch (IllegalArgumentException e) {
            SocketTransport.refuse(out, hello.id(), ErrorCodes.INVALID_REQUEST, e.getMessage());
            SocketTransport.closeQuietly(channel);
        } catch (RuntimeException e) {
            link.close();
            throw e;
        }
    }

    private static void shutdownInput(SocketChannel channel) {
        try {
            channel.shutdownInput();
        } catch (IOException e) {
            SocketTransport.closeQuietly(channel);
        }
    }

    @Override
    public String toString() {
        return "SocketServer " + address;
    }
}
