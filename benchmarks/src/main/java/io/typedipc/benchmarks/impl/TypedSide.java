package io.typedipc.benchmarks.impl;

import io.typedipc.benchmarks.api.BenchApiDispatcher;
import io.typedipc.benchmarks.harness.ChildProcess;
import io.typedipc.benchmarks.harness.Endpoint;
import io.typedipc.benchmarks.harness.ServerSide;
import io.typedipc.benchmarks.harness.Transport;
import io.typedipc.runtime.IpcContext;
import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcPeer;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.transport.ChildProcessTransport;
import io.typedipc.runtime.transport.SocketServer;
import io.typedipc.runtime.transport.SocketTransport;
import io.typedipc.runtime.transport.StdioTransport;
import io.typedipc.runtime.transport.spi.Link;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Both ends of Typed IPC, connected the way an application connects them, through the runtime's own transports:
 * <ul>
 *   <li>inproc: {@link IpcRenderer#connectInProcess}; the benchmark thread is the renderer, calling main;
 *   <li>stdio: this JVM is main and starts the server as a child renderer with {@link ChildProcessTransport}, the
 *       child connecting back with {@link StdioTransport#connectRenderer}; the benchmark thread calls the child
 *       through its {@code RendererHandle};
 *   <li>uds and tcp: the child JVM is main, listening with {@link SocketTransport#listenUnix} or
 *       {@link SocketTransport#listenTcp}; this JVM connects as a renderer with {@link SocketTransport#connect}
 *       (token handshake included).
 * </ul>
 */
final class TypedSide {
    private static final String READY = "bench:ready";
    /** {@code -Dbench.link=direct}: Typed IPC across processes over the {@link DirectLink} experiment. */
    private static final boolean DIRECT = "direct".equals(System.getProperty("bench.link"));
    private final IpcPeer peer;
    private final IpcContext local;
    private final IpcMain inProcessMain;
    private final Process process;

    private TypedSide(IpcPeer peer, IpcContext local, IpcMain inProcessMain, Process process) {
        this.peer = peer;
        this.local = local;
        this.inProcessMain = inProcessMain;
        this.process = process;
    }

    /**
     * Connects to a server that serves the bench channels typed (generated dispatcher) or untyped; {@code direct}
     * puts both ends in direct mode ({@code IpcSettings.Builder.directExecutor()}).
     */
    static TypedSide open(Transport transport, boolean typed, boolean direct) throws IOException {
        IpcSettings settings = settings(direct);
        File log = new File(System.getProperty("java.io.tmpdir"), "typed-ipc-bench-server.log");
        String mode = (typed ? "typed" : "untyped") + (direct ? "-direct" : "");
        if (transport.crossProcess() && DIRECT) {
            return openDirect(transport, typed, settings);
        }
        switch (transport) {
            case INPROC -> {
                IpcMain main = IpcMain.create(settings);
                serve(main, typed);
                IpcRenderer renderer = IpcRenderer.connectInProcess(main, "bench", settings);
                return new TypedSide(renderer, renderer, main, null);
            }
            case STDIO -> {
                IpcMain main = IpcMain.create(settings);
                // The child can register its handlers only once it is connected: it says when it is ready.
                CountDownLatch ready = new CountDownLatch(1);
                main.on(READY, (event, args) -> ready.countDown());
                List<String> command = ChildProcess.javaCommand(StdioServer.class);
                command.add(mode);
                ChildProcessTransport.ChildRenderer child = ChildProcessTransport.launch(main,
                        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log)), "bench");
                try {
                    if (!ready.await(60, TimeUnit.SECONDS)) {
                        child.process().destroyForcibly();
                        main.close();
                        throw new IOException("the stdio server did not get ready; see " + log);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while starting the stdio server", e);
                }
                return new TypedSide(child.handle(), main, null, child.process());
            }
            case UDS, TCP -> {
                List<String> command = ChildProcess.javaCommand(SocketMainServer.class);
                command.add(mode);
                command.add(transport.name().toLowerCase(Locale.ROOT));
                Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log))
                        .start();
                BufferedReader lines = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                String line = lines.readLine();
                if (line == null) {
                    throw new IOException("the server did not start; see " + log);
                }
                String[] addressAndToken = line.split(" ");
                IpcRenderer renderer = SocketTransport.connect(addressAndToken[0], addressAndToken[1], "bench",
                        settings);
                return new TypedSide(renderer, renderer, null, process);
            }
            default -> throw new IllegalArgumentException("unknown transport " + transport);
        }
    }

    /**
     * The experiment of {@link DirectLink}: the child JVM is main over a {@code DirectLink} on its stdio or on a
     * socket this JVM listens on (TCP with {@code TCP_NODELAY}); this JVM is a renderer over another one.
     */
    private static TypedSide openDirect(Transport transport, boolean typed, IpcSettings settings) throws IOException {
        ChildProcess child = ChildProcess.launch(transport, typed ? DirectTypedServer.class : DirectUntypedServer.class);
        Endpoint endpoint = child.endpoint();
        DirectLink link = new DirectLink(endpoint.in(), endpoint.out(), child, "direct " + transport);
        IpcRenderer renderer = IpcRenderer.connect(link, "bench", settings);
        return new TypedSide(renderer, renderer, null, null);
    }

    /** Child main of the experiment: main over a {@link DirectLink}; serves until the link closes. */
    static void serveDirect(String[] args, boolean typed) throws Exception {
        IpcMain main = IpcMain.create(IpcSettings.defaults());
        serve(main, typed);
        Endpoint endpoint = ServerSide.connect(args);
        CountDownLatch closed = new CountDownLatch(1);
        DirectLink link = new DirectLink(endpoint.in(), endpoint.out(), endpoint, "direct server");
        main.attach(new Link() {
            @Override
            public void start(Listener listener) {
                link.start(new Listener() {
                    @Override
                    public void onFrame(byte[] frame) {
                        listener.onFrame(frame);
                    }

                    @Override
                    public void onClose(Throwable cause) {
                        listener.onClose(cause);
                        closed.countDown();
                    }
                });
            }

            @Override
            public void send(byte[] frame) throws IOException {
                link.send(frame);
            }

            @Override
            public void close() {
                link.close();
            }

            @Override
            public String describe() {
                return link.describe();
            }
        }, "bench");
        closed.await();
        main.close();
    }

    /** Experiment server main: typed, over a {@link DirectLink}. */
    public static final class DirectTypedServer {
        private DirectTypedServer() {
        }

        public static void main(String[] args) throws Exception {
            serveDirect(args, true);
        }
    }

    /** Experiment server main: untyped, over a {@link DirectLink}. */
    public static final class DirectUntypedServer {
        private DirectUntypedServer() {
        }

        public static void main(String[] args) throws Exception {
            serveDirect(args, false);
        }
    }

    /** The settings of either end: the defaults, or the defaults in direct mode. */
    private static IpcSettings settings(boolean direct) {
        return direct ? IpcSettings.builder().directExecutor().build() : IpcSettings.defaults();
    }

    /** The settings a child server's mode argument ({@code typed}, {@code untyped}, {@code typed-direct}) asks for. */
    private static IpcSettings settings(String mode) {
        return settings(mode.endsWith("-direct"));
    }

    /** Where the benchmark's calls go: main (in process, sockets) or the child renderer (stdio). */
    IpcPeer peer() {
        return peer;
    }

    /** Registers the bench channels on {@code context}, through the generated dispatcher or the untyped verbs. */
    static void serve(IpcContext context, boolean typed) {
        if (typed) {
            BenchApiDispatcher.register(context, new BenchService());
            return;
        }
        AtomicLong sinks = new AtomicLong();
        context.handle("bench:echo", (event, args) -> args[0]);
        context.handle("bench:echo-async", (event, args) -> args[0]);
        context.on("bench:sink", (event, args) -> sinks.incrementAndGet());
        context.handle("bench:barrier", (event, args) -> sinks.get());
    }

    /** The child server's process id, if there is one. */
    List<Long> processIds() {
        return process == null ? List.of() : List.of(process.pid());
    }

    void close() throws Exception {
        local.close();
        if (inProcessMain != null) {
            inProcessMain.close();
        }
        if (process != null) {
            process.getOutputStream().close(); // ends a socket server's wait; a stdio child already saw its EOF
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** Child-JVM main for stdio: a renderer serving the bench channels to its parent, main. */
    public static final class StdioServer {
        private StdioServer() {
        }

        public static void main(String[] args) throws Exception {
            IpcRenderer renderer = StdioTransport.connectRenderer("bench", settings(args[0]));
            serve(renderer, args[0].startsWith("typed"));
            renderer.send(READY);
            while (!renderer.awaitDisconnect(1, TimeUnit.HOURS)) {
                // keep serving until main closes the link
            }
            renderer.close();
        }
    }

    /**
     * Child-JVM main for uds and tcp: main serving the bench channels on a socket; prints {@code address token} on
     * stdout, then serves until its stdin ends.
     */
    public static final class SocketMainServer {
        private SocketMainServer() {
        }

        public static void main(String[] args) throws Exception {
            IpcMain main = IpcMain.create(settings(args[0]));
            serve(main, args[0].startsWith("typed"));
            try (SocketServer server = "uds".equals(args[1])
                    ? SocketTransport.listenUnix(main, Path.of(System.getProperty("java.io.tmpdir")))
                    : SocketTransport.listenTcp(main, 0)) {
                System.out.println(server.address() + " " + server.token());
                System.out.flush();
                while (System.in.read() >= 0) {
                    // wait for the end of stdin: the benchmark is done
                }
            } finally {
                main.close();
            }
        }
    }
}
