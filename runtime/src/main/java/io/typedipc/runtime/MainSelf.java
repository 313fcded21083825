package io.typedipc.runtime;

import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.internal.engine.CallRoute;
import io.typedipc.runtime.internal.engine.Connection;
import io.typedipc.runtime.internal.engine.Deadline;
import io.typedipc.runtime.internal.wire.MethodCodec;
import io.typedipc.runtime.transport.spi.InProcessLink;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Main as a peer of itself ({@link IpcMain#self()}): an in-process link whose two ends are both main's connections.
 * Every message takes the same path as a renderer's — encoded on one end, decoded, queued on main's dispatch thread
 * (or executor), answered, and the reply decoded — so deadlines, declared errors, cancellation and the
 * serve-while-waiting rule behave exactly as over any transport, and a value that cannot cross a process cannot
 * cross here either. Handlers see main as the sender ({@link IpcEvent#MAIN_ID}, name {@code "main"}).
 *
 * <p>The link is made on first use. Should it close while main stays open (its incoming queue stalled for the stall
 * timeout), the calls pending on it fail with {@link IpcDisconnectedException} and the next call opens a new one.
 */
final class MainSelf implements IpcPeer {
    private final IpcMain main;
    private final CallPipeline calls;
    private Connection caller;
    private Connection server;

    MainSelf(IpcMain main) {
        this.main = main;
        this.calls = new CallPipeline(main, new ToItself());
    }

    /** The calling side of the current link, opening one if there is none (or it closed). */
    private synchronized Connection caller(String channel) {
        main.ensureOpenForOutgoing(channel);
        if (caller == null || !caller.isOpen() || !server.isOpen()) {
            if (caller != null) {
                caller.close();
            }
            InProcessLink[] ends = InProcessLink.pair("main to itself");
            server = main.openSelfConnection(ends[1], this);
            caller = main.openSelfConnection(ends[0], this);
        }
        return caller;
    }

    /** Delivers an already encoded notification to main's own listeners (for {@link IpcMain#broadcastToAll()}). */
    void sendFrame(String channel, Supplier<byte[]> frame) {
        caller(channel).notify(channel, frame);
    }

    /** Adds main's own requests to itself still waiting for a reply. */
    synchronized void collectPending(java.util.List<PendingRequest> into) {
        if (caller != null) {
            IpcContext.collectPending(caller, into);
        }
    }

    /** Closes the link; called by {@link IpcMain#close()} after it is marked closed, so no new link opens. */
    synchronized void close() {
        if (caller != null) {
            caller.close();
        }
    }

    @Override
    public void send(String channel, Object... args) {
        calls.send(channel, args);
    }

    @Override
    public Object sendSync(String channel, CallOptions options, Object... args) {
        return calls.sendSync(channel, options, args);
    }

    @Override
    public CompletableFuture<Object> invoke(String channel, CallOptions options, Object... args) {
        return calls.invoke(channel, options, args);
    }

    @Override
    public void send(MethodDescriptor<?> method, Object... args) {
        calls.send(method, args);
    }

    @Override
    public <R> R call(MethodDescriptor<R> method, CallOptions options, Object... args) {
        return calls.call(method, options, args);
    }

    @Override
    public <R> CompletableFuture<R> invoke(MethodDescriptor<R> method, CallOptions options, Object... args) {
        return calls.invoke(method, options, args);
    }

    @Override
    public CompletableFuture<PingResult> ping(Duration deadline) {
        Pings.checkDeadline(deadline);
        return Pings.ping(caller("$/ping"), deadline, Pings.plain(main));
    }

    /** Over the current link to main itself, opened on first use. */
    private final class ToItself implements CallRoute {
        @Override
        public void send(String channel, MethodCodec codec, Object[] args) {
            caller(channel).notify(channel, codec, args);
        }

        @Override
        public Object call(String channel, MethodCodec codec, Deadline deadline, Object[] args) {
            return caller(channel).call(channel, codec, deadline, args);
        }

        @Override
        public <R> CompletableFuture<R> invoke(String channel, MethodCodec codec, Deadline deadline, Object[] args) {
            return caller(channel).invoke(channel, codec, deadline, args);
        }
    }

    @Override
    public String toString() {
        return "main (itself)";
    }
}
