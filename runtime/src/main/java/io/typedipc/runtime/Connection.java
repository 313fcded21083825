package io.typedipc.runtime;

import io.typedipc.runtime.transport.Link;
import io.typedipc.runtime.wire.Envelope;
import io.typedipc.runtime.wire.MethodCodec;
import io.typedipc.runtime.wire.ProtocolViolation;
import io.typedipc.runtime.wire.WireFormat;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One link to one peer, seen from one context: sends requests and notifications and matches replies to the calls
 * waiting for them; receives frames on the link's thread, decodes only their envelopes there, and hands everything
 * else to the context's executor, in arrival order.
 */
final class Connection implements Link.Listener {
    private static final System.Logger LOG = System.getLogger(Connection.class.getName());

    private final IpcContext context;
    private final Link link;
    private final WireFormat wire;
    private final Executor inbound;
    private final InboundDispatch dispatch;
    private final AtomicLong nextId = new AtomicLong();
    private final Map<Long, PendingCall> pending = new ConcurrentHashMap<>();
    private volatile IpcPeer remote;
    private volatile int remoteId;
    private volatile String remoteName;
    private volatile boolean closed;

    Connection(IpcContext context, Link link) {
        this.context = context;
        this.link = link;
        this.wire = context.wire();
        this.inbound = context.newInboundExecutor();
        this.dispatch = new InboundDispatch(context, this);
    }

    /** Starts receiving; {@code remote} is who handlers will see as the sender of this link's messages. */
    void start(IpcPeer remote, int remoteId, String remoteName) {
        this.remote = remote;
        this.remoteId = remoteId;
        this.remoteName = remoteName;
        link.start(this);
    }

    /** A new event for a message that arrived on this connection. */
    IpcEvent eventFor(String channel) {
        return new IpcEvent(channel, remote, remoteId, remoteName);
    }

    boolean isOpen() {
        return !closed;
    }

    String describe() {
        return link.describe();
    }

    // ---------------------------------------------------------------------------------------------- outgoing

    void notify(String channel, MethodCodec codec, Object[] args) {
        ensureOpen(channel);
        write(wire.notification(channel, codec, args));
    }

    /** Sends a request and blocks for its reply; see {@link IpcPeer#call}. */
    Object call(String channel, MethodCodec codec, Duration deadline, Object[] args) {
        PendingCall call = open(channel, codec);
        long deadlineNanos = System.nanoTime() + deadline.toNanos();
        send(call, args);
        boolean answered;
        try {
            answered = waitFor(call.reply, deadlineNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(call);
            throw new IpcException(ErrorCodes.CANCELLED, channel + ": interrupted while waiting for the reply", e);
        }
        if (!answered && abandon(call)) {
            throw new IpcTimeoutException(channel + ": no reply within " + deadline.toMillis() + " ms");
        }
        Envelope reply;
        try {
            reply = call.reply.get();
        } catch (ExecutionException e) {
            throw asRuntime(e.getCause());
        } catch (InterruptedException e) {
            throw new AssertionError("the reply is complete", e);
        }
        if (reply.type() == Envelope.Type.RESULT) {
            return decodeResult(call, reply);
        }
        Throwable failure = failureOf(call, reply);
        throw failure instanceof IpcException ipc ? ipc : new IpcDeclaredException((Exception) failure);
    }

    /** Sends a request whose future completes on the context's executor; see {@link IpcPeer#invoke}. */
    <R> CompletableFuture<R> invoke(String channel, MethodCodec codec, Duration deadline, Object[] args) {
        PendingCall call = open(channel, codec);
        IpcFuture<R> future = new IpcFuture<>(this, call.id);
        call.reply.whenComplete((reply, failure) -> settleLater(future, call, reply, failure));
        call.timer = Deadlines.schedule(() -> expire(call, deadline), deadline);
        try {
            send(call, args);
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        }
        return future;
    }

    /** Called when the caller cancels an asynchronous request's future. */
    void cancelOutgoing(long id) {
        PendingCall call = pending.get(id);
        if (call != null) {
            abandon(call);
        }
    }

    /** Waits for {@code future}, serving the dispatch thread's queue if called on it. */
    void serveUntilDone(CompletableFuture<?> future, long deadlineNanos) throws InterruptedException {
        DispatchLoop loop = context.loop();
        if (loop != null && loop.isLoopThread() && !future.isDone()) {
            loop.awaitServing(future, deadlineNanos);
        }
    }

    private PendingCall open(String channel, MethodCodec codec) {
        ensureOpen(channel);
        PendingCall call = new PendingCall(nextId.incrementAndGet(), channel, codec);
        pending.put(call.id, call);
        if (closed && pending.remove(call.id, call)) { // closed while registering: onClose may have missed it
            throw disconnected(channel, null);
        }
        return call;
    }

    private void send(PendingCall call, Object[] args) {
        byte[] frame;
        try {
            frame = wire.request(call.id, call.channel, call.codec, args);
        } catch (RuntimeException e) {
            pending.remove(call.id, call);
            cancelTimer(call);
            throw e;
        }
        try {
            write(frame);
        } catch (IpcDisconnectedException e) {
            pending.remove(call.id, call);
            cancelTimer(call);
            throw e;
        }
    }

    private boolean waitFor(CompletableFuture<Envelope> reply, long deadlineNanos) throws InterruptedException {
        DispatchLoop loop = context.loop();
        if (loop != null && loop.isLoopThread()) {
            return loop.awaitServing(reply, deadlineNanos);
        }
        try {
            reply.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    /** Gives up on a call (deadline, cancel, interrupt) and tells the peer; false if its reply already came. */
    private boolean abandon(PendingCall call) {
        if (!pending.remove(call.id, call)) {
            return false;
        }
        cancelTimer(call);
        try {
            link.send(wire.cancel(call.id));
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "could not send $/cancelRequest for #" + call.id + ": " + e);
        }
        return true;
    }

    private void expire(PendingCall call, Duration deadline) {
        if (abandon(call)) {
            call.reply.completeExceptionally(
                    new IpcTimeoutException(call.channel + ": no reply within " + deadline.toMillis() + " ms"));
        }
    }

    private <R> void settleLater(IpcFuture<R> future, PendingCall call, Envelope reply, Throwable failure) {
        executeOrRun(() -> settle(future, call, reply, failure));
    }

    @SuppressWarnings("unchecked") // the codec decodes the result with the method's own result type R
    private <R> void settle(IpcFuture<R> future, PendingCall call, Envelope reply, Throwable failure) {
        if (failure != null) {
            future.completeExceptionally(failure);
        } else if (reply.type() == Envelope.Type.RESULT) {
            try {
                future.complete((R) decodeResult(call, reply));
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        } else {
            future.completeExceptionally(failureOf(call, reply));
        }
    }

    private Object decodeResult(PendingCall call, Envelope reply) {
        try {
            return call.codec.readResult(reply);
        } catch (RuntimeException e) {
            throw new IpcException(ErrorCodes.INTERNAL_ERROR,
                    call.channel + ": the reply does not fit the result type: " + e.getMessage(), e);
        }
    }

    /** Turns an error reply into the exception the caller sees: a declared exception, or an {@link IpcException}. */
    private Throwable failureOf(PendingCall call, Envelope reply) {
        String message = reply.errorMessage();
        Map<?, ?> data = null;
        try {
            if (call.codec.readErrorData(reply) instanceof Map<?, ?> map) {
                data = map;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "unreadable error.data in a reply on " + call.channel + ": " + e);
        }
        String type = data != null && data.get("type") instanceof String text ? text : null;
        String stackTrace = data != null && data.get("stackTrace") instanceof String text ? text : null;
        switch (reply.errorCode()) {
            case ErrorCodes.METHOD_NOT_FOUND:
                return new NoSuchChannelException(message);
            case ErrorCodes.NO_SUCH_RENDERER:
                return new NoSuchRendererException(message);
            case ErrorCodes.TIMEOUT:
                return new IpcTimeoutException(message);
            case ErrorCodes.DECLARED_ERROR:
                MethodDescriptor<?> method = call.codec.method();
                MethodDescriptor.DeclaredError<?> declared =
                        method == null || type == null ? null : method.declaredErrorNamed(type);
                if (declared != null) {
                    try {
                        return declared.factory().apply(message);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "could not rebuild " + type + " declared by " + call.channel, e);
                    }
                }
                return new RemoteException(reply.errorCode(), message, type, stackTrace);
            default:
                return new RemoteException(reply.errorCode(), message, type, stackTrace);
        }
    }

    // ---------------------------------------------------------------------------------------------- incoming

    @Override
    public void onFrame(byte[] frame) {
        Envelope message;
        try {
            message = wire.decode(frame);
        } catch (ProtocolViolation violation) {
            LOG.log(Level.WARNING, () -> "protocol error from " + link.describe() + ": " + violation.getMessage());
            reply(wire.error(violation.requestId(), violation.code(), violation.getMessage(), null, null));
            return;
        }
        switch (message.type()) {
            case RESULT, ERROR -> completePending(message);
            case REQUEST, NOTIFICATION -> {
                try {
                    inbound.execute(() -> dispatch.dispatch(message));
                } catch (RejectedExecutionException e) {
                    dispatch.refuse(message, "the receiving context is closing");
                }
            }
        }
    }

    private void completePending(Envelope reply) {
        PendingCall call = reply.id() instanceof Long id ? pending.remove(id) : null;
        if (call == null) {
            // A reply after its deadline or cancellation, or to nothing we sent: dropped, by design.
            LOG.log(Level.DEBUG, () -> "dropped a reply with no waiting call: " + reply);
            return;
        }
        cancelTimer(call);
        call.reply.complete(reply);
    }

    @Override
    public void onClose(Throwable cause) {
        if (closed) {
            return;
        }
        closed = true;
        IpcDisconnectedException failure = disconnected(null, cause);
        for (PendingCall call : pending.values()) {
            if (pending.remove(call.id, call)) {
                cancelTimer(call);
                call.reply.completeExceptionally(failure);
            }
        }
        dispatch.cancelAll();
        context.connectionClosed(this, cause);
    }

    // ---------------------------------------------------------------------------------------------- plumbing

    void close() {
        link.close();
    }

    /** Sends a reply frame; a peer that went away meanwhile just doesn't get it. */
    void reply(byte[] frame) {
        try {
            link.send(frame);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "could not send a reply to " + link.describe() + ": " + e);
        }
    }

    /** Runs on the context's executor, or right here if the context is closed and no longer runs tasks. */
    void executeOrRun(Runnable task) {
        try {
            inbound.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    private void write(byte[] frame) {
        try {
            link.send(frame);
        } catch (IOException e) {
            throw disconnected(null, e);
        }
    }

    private void ensureOpen(String channel) {
        if (closed) {
            throw disconnected(channel, null);
        }
    }

    private IpcDisconnectedException disconnected(String channel, Throwable cause) {
        String what = (channel == null ? "" : channel + ": ") + "the connection to " + link.describe() + " is closed";
        return cause == null ? new IpcDisconnectedException(what) : new IpcDisconnectedException(what + " (" + cause + ")", cause);
    }

    private static void cancelTimer(PendingCall call) {
        ScheduledFuture<?> timer = call.timer;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private static RuntimeException asRuntime(Throwable failure) {
        return failure instanceof RuntimeException runtime ? runtime : new IpcException(ErrorCodes.INTERNAL_ERROR, failure.toString(), failure);
    }

    /** A request of ours that waits for its reply. */
    private static final class PendingCall {
        final long id;
        final String channel;
        final MethodCodec codec;
        final CompletableFuture<Envelope> reply = new CompletableFuture<>();
        volatile ScheduledFuture<?> timer;

        PendingCall(long id, String channel, MethodCodec codec) {
            this.id = id;
            this.channel = channel;
            this.codec = codec;
        }
    }
}
