package io.typedipc.benchmarks.impl;

import io.typedipc.benchmarks.api.BenchApiDispatcher;
import io.typedipc.benchmarks.harness.ChildProcess;
import io.typedipc.benchmarks.harness.Endpoint;
import io.typedipc.benchmarks.harness.ServerSide;
import io.typedipc.benchmarks.harness.Transport;
import io.typedipc.runtime.IpcContext;
import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.transport.Link;
import io.typedipc.runtime.transport.StreamLink;
import io.typedipc.runtime.wire.WireLimits;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Both ends of Typed IPC. The benchmark JVM is a renderer calling main's services; main runs in the same JVM
 * ({@link IpcRenderer#connectInProcess}) or in a child JVM over a {@link StreamLink} on the same streams the other
 * implementations use (the runtime's stdio and socket transports are set-up code around that same link).
 */
final class TypedSide {
    private final IpcRenderer renderer;
    private final IpcMain inProcessMain;
    private final ChildProcess child;

    private TypedSide(IpcRenderer renderer, IpcMain inProcessMain, ChildProcess child) {
        this.renderer = renderer;
        this.inProcessMain = inProcessMain;
        this.child = child;
    }

    /** Connects a renderer to a main that serves the bench channels typed ({@code typed}) or untyped. */
    static TypedSide open(Transport transport, boolean typed) throws IOException {
        if (transport == Transport.INPROC) {
            IpcMain main = IpcMain.create(IpcSettings.defaults());
            serve(main, typed);
            return new TypedSide(IpcRenderer.connectInProcess(main, "bench"), main, null);
        }
        ChildProcess child = ChildProcess.launch(transport, typed ? TypedServer.class : UntypedServer.class);
        Endpoint endpoint = child.endpoint();
        StreamLink link = new StreamLink(endpoint.in(), endpoint.out(), endpoint, "bench " + transport,
                WireLimits.defaults());
        return new TypedSide(IpcRenderer.connect(link, "bench", IpcSettings.defaults()), null, child);
    }

    IpcRenderer renderer() {
        return renderer;
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

    void close() throws Exception {
        renderer.close();
        if (inProcessMain != null) {
            inProcessMain.close();
        }
        if (child != null) {
            child.close();
        }
    }

    /** The child-JVM main: serves until the client goes away. */
    static void serveChild(String[] args, boolean typed) throws Exception {
        IpcMain main = IpcMain.create(IpcSettings.defaults());
        serve(main, typed);
        Endpoint endpoint = ServerSide.connect(args);
        CountDownLatch closed = new CountDownLatch(1);
        StreamLink link = new StreamLink(endpoint.in(), endpoint.out(), endpoint, "bench server",
                WireLimits.defaults());
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
        }, "bench-client");
        closed.await();
        main.close();
    }

    /** Server main: Typed IPC with the generated dispatcher. */
    public static final class TypedServer {
        private TypedServer() {
        }

        public static void main(String[] args) throws Exception {
            serveChild(args, true);
        }
    }

    /** Server main: Typed IPC with untyped handlers. */
    public static final class UntypedServer {
        private UntypedServer() {
        }

        public static void main(String[] args) throws Exception {
            serveChild(args, false);
        }
    }
}
