package io.typedipc.runtime;

import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.internal.engine.CallTable;
import io.typedipc.runtime.internal.engine.Deadline;
import io.typedipc.runtime.internal.engine.CallObserver;
import io.typedipc.runtime.internal.engine.CallWatch;
import io.typedipc.runtime.internal.engine.ConnectionEvents;
import io.typedipc.runtime.internal.engine.DispatchLoop;
import io.typedipc.runtime.internal.engine.PendingCall;
import io.typedipc.runtime.internal.wire.Envelope;
import io.typedipc.runtime.internal.wire.MethodCodec;
import io.typedipc.runtime.internal.wire.ProtocolViolation;
import io.typedipc.runtime.internal.wire.Routing;
import io.typedipc.runtime.internal.wire.UnwritableValue;
import io.typedipc.runtime.internal.wire.ViolationLog;
import io.typedipc.runtime.internal.wire.WireFormat;
import io.typedipc.runtime.transport.spi.Link;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * One link to one peer, seen from one context: sends requests and notifications and matches replies to the calls
 * waiting for them; receives frames on the link's thread, decodes only their envelopes there, and hands everything
 * else to the context's executor, in arrival order. In main it hands renderer-to-renderer traffic ({@code $/route},
 * {@code $/broadcast}, and the cancellations of what was forwarded) to main's {@link Router}, on the link's thread.
 */
final class Connection implements Link.Listener, CallTable.Owner {
    private static final System.Logger LOG = System.getLogger(Connection.class.getName());
    /** The channel main's forwards of routed requests are opened under: another renderer's calls, not ours. */
    private static final String FORWARD_CHANNEL = new String("(routed)");

    private final IpcContext context;
    private final Link link;
    private final WireFormat wire;
    private final Executor inbound;
    private final InboundDispatch dispatch;
    /** Our requests waiting for replies, with their one deadline queue. */
    private final CallTable calls = new CallTable(this);
    /** Who watches the calls this connection sends (interceptors, JFR); a call nobody watches gets no watch. */
    private final CallObserver observer;
    /** Main's router, which forwards what renderers send each other; {@code null} in a renderer. */
    private final Router router;
    private volatile IpcPeer remote;
    private volatile int remoteId;
    private volatile String remoteName;
    private volatile boolean closed;
    /** Received messages queued for the context and not yet taken up: bounded, so a fast peer waits for slow handlers. */
    private final IncomingBudget incoming;
    /** Requests held for this peer (main only): bounded, so a peer cannot fill main's heap with unfinished requests. */
    private final RequestBudget requests;
    /** Main: other renderers' requests forwarded to this peer and not yet answered; bounded apart from its own. */
    private final RequestBudget forwardedTo;
    /** What this peer got wrong, logged at a bounded rate: a peer must not be able to write main's log. */
    private final ViolationLog violations = new ViolationLog();
    /**
     * The context runs its messages on an executor of the application's: a thread waiting on a future may be that
     * executor's only thread, so it settles the future itself, callbacks and all (see {@link #awaitAndSettle}).
     */
    private final boolean waiterRunsCallbacks;

    Connection(IpcContext context, Link link) {
        this.context = context;
        this.link = context.traced(link, this::peerLabel);
        this.wire = context.wire();
        this.inbound = context.newInboundExecutor();
        this.waiterRunsCallbacks = context.loop() == null && !context.settings().usesDirectExecutor();
        this.dispatch = new InboundDispatch(context, this);
        this.router = context.router();
        this.observer = context.calls();
        this.incoming = new IncomingBudget(context.settings().wireLimits());
        this.requests = context.newRequestBudget();
        this.forwardedTo = context.newRequestBudget();
    }

    /** Starts receiving; {@code remote} is who handlers will see as the sender of this link's messages. */
    void start(IpcPeer remote, int remoteId, String remoteName) {
        this.remote = remote;
        this.remoteId = remoteId;
        this.remoteName = remoteName;
        ConnectionEvents.opened(context.contextName(), peerLabel(), link.describe());
        link.start(this);
    }

    /** A new event for a message that arrived on this connection, or that another renderer routed through it. */
    IpcEvent eventFor(Envelope message, Routing.Routed from) {
        boolean request = message.type() == Envelope.Type.REQUEST;
        if (from != null && context instanceof IpcRenderer renderer) {
            boolean timed = request && from.deadlineMillis() > 0;
            return new IpcEvent(message.method(), renderer.peer(from.fromId()), from.fromId(), from.fromName(), true,
                    request, timed, timed ? System.nanoTime() + from.deadlineMillis() * 1_000_000L : 0);
        }
        // A direct request's deadline is the one its sender wrote into it, counted from when it was received.
        boolean timed = request && message.hasDeadline();
        return new IpcEvent(message.method(), remote, remoteId, remoteName, false, request, timed,
                timed ? message.deadlineNanos() : 0);
    }

    IpcContext context() {
        return context;
    }

    /** Who is at the other end, for the message trace: as {@link #remote()} shows itself once started. */
    private String peerLabel() {
        IpcPeer peer = remote;
        return peer == null ? "(not started) " + link.describe() : peer instanceof IpcRenderer ? IpcRenderer.MAIN_NAME : peer.toString();
    }

    /** Who this connection's messages come from: a {@link RendererHandle} in main, the renderer itself in a renderer. */
    IpcPeer remote() {
        return remote;
    }

    int remoteId() {
        return remoteId;
    }

    String remoteName() {
        return remoteName;
    }

    boolean isOpen() {
        return !closed;
    }

    String describe() {
        return link.describe();
    }

    /** Where what this peer got wrong is logged, at a bounded rate. */
    ViolationLog violations() {
        return violations;
    }

    /**
     * What this peer got wrong: logged to {@code log} at WARNING at a bounded rate, and reported to the context's
     * error listeners ({@link IpcError.Kind#PROTOCOL_VIOLATION}) every time.
     */
    void violation(System.Logger log, String channel, Supplier<String> text) {
        violations.log(log, Level.WARNING, text);
        context.reportError(IpcError.Kind.PROTOCOL_VIOLATION, channel, peerDescription(), text, null);
    }

    /** Who is at the other end, as error reports name it: {@code "main"} or {@code "renderer panel#3"}. */
    String peerDescription() {
        return remoteId == IpcEvent.MAIN_ID ? IpcRenderer.MAIN_NAME : "renderer " + remoteName + "#" + remoteId;
    }

    /** Adds this connection's own requests still waiting for a reply (not those main forwards for others). */
    void collectPending(java.util.List<PendingRequest> into) {
        long now = System.nanoTime();
        for (PendingCall call : calls.snapshot()) {
            if (call.channel() != FORWARD_CHANNEL) { // this very string: forwards are opened with it
                into.add(new PendingRequest(call.channel(), peerDescription(), Duration.ofNanos(now - call.openedNanos())));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- outgoing

    void notify(String channel, MethodCodec codec, Object[] args) {
        notify(channel, args, peerLabel(), () -> wire.notification(channel, codec, args));
    }

    /**
     * Sends the one-way message {@code encoder} makes, as a call of this context's ({@code args} to {@code target},
     * for its interceptors and events).
     */
    void notify(String channel, Object[] args, String target, Supplier<byte[]> encoder) {
        context.ensureOpenForOutgoing(channel);
        ensureOpen(channel);
        CallWatch watch = observer.outgoing(MethodDescriptor.Kind.ONE_WAY, channel, args, target);
        if (watch == null) {
            write(encode(channel, encoder));
            return;
        }
        try {
            byte[] frame = encode(channel, encoder);
            write(frame);
            watch.sent(frame.length);
        } catch (RuntimeException | Error e) {
            watch.end(e);
            throw e;
        }
        watch.end(null);
    }

    /** Sends a one-way message encoded by {@code encoder} that is part of a call watched elsewhere (a broadcast). */
    void notify(String channel, Supplier<byte[]> encoder) {
        context.ensureOpenForOutgoing(channel);
        ensureOpen(channel);
        write(encode(channel, encoder));
    }

    /** The frame {@code encoder} makes; a value in it that cannot be written is the caller's error, nothing is sent. */
    private static byte[] encode(String channel, Supplier<byte[]> encoder) {
        try {
            return encoder.get();
        } catch (UnwritableValue e) {
            throw unwritable(channel, e);
        }
    }

    /** What a caller gets for a value that cannot be written as JSON: the channel, the value's type, and why. */
    static IpcException unwritable(String channel, UnwritableValue e) {
        return new IpcException(ErrorCodes.INVALID_PARAMS, channel + ": " + e.getMessage() + "; nothing was sent", e);
    }

    /** Sends a frame as it is, ignoring a closed link: for forwarding and broadcasting. */
    boolean sendRaw(byte[] frame) {
        if (closed) {
            return false;
        }
        try {
            link.send(frame);
            return true;
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "could not send to " + link.describe() + ": " + e);
            return false;
        }
    }

    /** Sends a request and blocks for its reply; see {@link IpcPeer#call}. */
    Object call(String channel, MethodCodec codec, Deadline deadline, Object[] args) {
        return call(channel, codec, deadline, args, peerLabel(), id -> wire.request(id, channel, codec, args, deadline.remainingMillis()));
    }

    /**
     * Sends the request {@code encoder} makes for an id, and blocks until the reply or the deadline. The reply is
     * decoded with {@code codec}. {@code args} and {@code target} are what the call's interceptors see.
     */
    Object call(String channel, MethodCodec codec, Deadline deadline, Object[] args, String target,
            LongFunction<byte[]> encoder) {
        DirectExecutor.refuseBlocking(channel + ": a blocking call"); // before anything is sent
        context.ensureOpenForOutgoing(channel);
        CallWatch watch = observer.outgoing(MethodDescriptor.Kind.BLOCKING, channel, args, target);
        if (watch == null) {
            return awaitCall(channel, codec, deadline, encoder, null);
        }
        Object result;
        try {
            result = awaitCall(channel, codec, deadline, encoder, watch);
        } catch (RuntimeException | Error e) {
            watch.end(e);
            throw e;
        }
        watch.end(null);
        return result;
    }

    private Object awaitCall(String channel, MethodCodec codec, Deadline deadline, LongFunction<byte[]> encoder,
            CallWatch watch) {
        PendingCall call = open(channel, codec, deadline);
        call.watch(watch);
        send(call, encoder);
        boolean answered;
        try {
            answered = waitFor(call.reply(), call.deadlineNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            calls.abandon(call);
            throw new IpcException(ErrorCodes.CANCELLED, channel + ": interrupted while waiting for the reply", e);
        }
        if (!answered) {
            calls.expire(call); // the timeout, unless the reply came meanwhile
        }
        Envelope reply;
        try {
            reply = call.reply().get();
        } catch (ExecutionException e) {
            throw asRuntime(e.getCause());
        } catch (InterruptedException e) {
            throw new AssertionError("the reply is complete", e);
        }
        if (reply.type() == Envelope.Type.RESULT) {
            return Replies.result(call.channel(), call.codec(), reply);
        }
        Throwable failure = Replies.failure(call.channel(), call.codec(), reply);
        throw failure instanceof IpcException ipc ? ipc : new IpcDeclaredException((Exception) failure);
    }

    /** Sends a request whose future completes on the context's executor; see {@link IpcPeer#invoke}. */
    <R> CompletableFuture<R> invoke(String channel, MethodCodec codec, Deadline deadline, Object[] args) {
        return invoke(channel, codec, deadline, args, peerLabel(), id -> wire.request(id, channel, codec, args, deadline.remainingMillis()));
    }

    /** As {@link #call(String, MethodCodec, Deadline, Object[], String, LongFunction)}, answered by a future. */
    <R> CompletableFuture<R> invoke(String channel, MethodCodec codec, Deadline deadline, Object[] args, String target,
            LongFunction<byte[]> encoder) {
        context.ensureOpenForOutgoing(channel);
        CallWatch watch;
        try {
            watch = observer.outgoing(MethodDescriptor.Kind.ASYNC, channel, args, target);
        } catch (RuntimeException refused) { // an interceptor refused it: the caller learns it where it learns the rest
            return CompletableFuture.failedFuture(refused);
        }
        return request(channel, codec, deadline, watch, encoder);
    }

    /**
     * Sends a protocol request (such as {@code $/ping}) that no interceptor or call event sees; {@code timing}, if
     * not {@code null}, is told when its frames go and come. The result is decoded untyped.
     */
    CompletableFuture<Object> protocolRequest(String method, Deadline deadline, CallWatch timing,
            LongFunction<byte[]> encoder) {
        context.ensureOpenForOutgoing(method);
        return request(method, wire.untyped(), deadline, timing, encoder);
    }

    private <R> CompletableFuture<R> request(String channel, MethodCodec codec, Deadline deadline, CallWatch watch,
            LongFunction<byte[]> encoder) {
        PendingCall call;
        try {
            call = open(channel, codec, deadline);
        } catch (RuntimeException e) {
            if (watch != null) {
                watch.end(e);
            }
            throw e;
        }
        call.watch(watch);
        IpcFuture<R> future = new IpcFuture<>(this, call);
        call.reply().whenComplete((reply, failure) -> replyIn(future, call, reply, failure));
        calls.watchDeadline(call);
        try {
            send(call, encoder);
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
            if (watch != null) {
                watch.end(e);
            }
        }
        return future;
    }

    /**
     * Main: sends another renderer's request to this connection's renderer (as {@code $/routed}) and returns the
     * raw reply; it fails with {@link IpcTimeoutException} at the deadline and {@link IpcDisconnectedException} if
     * this renderer goes away. The returned runnable abandons the request (and tells this renderer).
     */
    Runnable forward(LongFunction<byte[]> encoder, Duration deadline, java.util.function.BiConsumer<Envelope, Throwable> onReply) {
        PendingCall call = open(FORWARD_CHANNEL, wire.untyped(), Deadline.after(deadline));
        call.reply().whenComplete(onReply);
        calls.watchDeadline(call);
        try {
            send(call, encoder);
        } catch (RuntimeException e) {
            call.reply().completeExceptionally(e);
        }
        return () -> calls.cancel(call, "cancelled by the sender");
    }

    /** Called when the caller cancels an asynchronous request's future: the peer is told, waiters wake up. */
    void cancelOutgoing(PendingCall call) {
        calls.cancel(call, call.channel() + ": cancelled");
    }

    /** Waits for {@code future}, serving the dispatch thread's queue if called on it. */
    void serveUntilDone(CompletableFuture<?> future, long deadlineNanos) throws InterruptedException {
        DispatchLoop loop = context.loop();
        if (loop != null && loop.isLoopThread() && !future.isDone()) {
            loop.awaitServing(future, deadlineNanos);
        }
    }

    /**
     * Waits until {@code call}'s reply (or failure: deadline, disconnect) is in, serving on the dispatch thread, and
     * settles {@code future} with it, or gives up at {@code deadlineNanos} (the waiter's own timeout). The reply
     * cannot take longer than the request's deadline, so this never waits forever, whatever executor the context uses.
     *
     * <p>A waiter that is not the dispatch thread settles the future itself, on its own thread, and the reply needs
     * no hop through the context's executor ({@link PendingCall#awaitAsSettler}) — unless the future has callbacks
     * ({@code thenApply}, {@code whenComplete}, ...) that must run on the dispatch thread (or the receiving thread, in
     * direct mode): then the executor settles and this thread waits for it, until the request's deadline at most.
     * With an executor of the application's, the waiter may be that executor's only thread, so it settles the future
     * itself even with callbacks, which then run on the waiter.
     */
    void awaitAndSettle(IpcFuture<?> future, PendingCall call, long deadlineNanos) throws InterruptedException {
        CompletableFuture<Envelope> reply = call.reply();
        if (!reply.isDone()) {
            DirectExecutor.refuseBlocking(call.channel() + ": waiting for the reply");
        }
        DispatchLoop loop = context.loop();
        if (loop != null && loop.isLoopThread()) {
            // The settle task is queued on this very thread: serve until the reply is in, then settle unless that
            // task already ran meanwhile.
            loop.awaitServing(reply, deadlineNanos);
            if (reply.isDone() && call.claimSettle()) {
                settle(future, call);
            }
            return;
        }
        if (call.awaitAsSettler()) {
            boolean handedOver;
            try {
                handedOver = call.awaitHandOver(deadlineNanos);
            } catch (InterruptedException e) {
                if (!call.stopAwaiting() && call.settleAsWaiter()) {
                    settle(future, call); // it came meanwhile, for this thread: settle before giving up
                }
                throw e;
            }
            if (!handedOver && call.stopAwaiting()) {
                return; // the waiter's own timeout, and no reply yet: the executor settles when it comes
            }
            if (call.settleAsWaiter()) {
                settle(future, call);
                return;
            }
            // else the executor settles, because of callbacks: wait for it below
        } else if (!waitFor(reply, deadlineNanos)) {
            return;
        }
        if (waiterRunsCallbacks || !callbacksOnExecutor(future)) {
            // Nothing has to run on the executor (or this may be the application executor's only thread, which must
            // not wait for itself): settle here; a settle task already queued then finds it done.
            if (call.claimSettle()) {
                settle(future, call);
            }
            return;
        }
        // The executor settles (with the callbacks) or another waiter does. Wait for it, but not past the request's
        // deadline: an executor held up that long (say, by a handler that waits on something this thread holds)
        // must not keep this thread waiting for a reply that is already in.
        long callDeadline = call.deadlineNanos();
        if (future.awaitDone(Math.min(deadlineNanos, callDeadline)) || deadlineNanos < callDeadline) {
            return; // settled, or this waiter's own timeout came first
        }
        if (call.claimSettle()) {
            settle(future, call);
        }
    }

    /** Opens a call with the deadline its pipeline computed once. */
    private PendingCall open(String channel, MethodCodec codec, Deadline deadline) {
        ensureOpen(channel);
        PendingCall call = calls.open(channel, codec, deadline.nanos(), deadline.millis());
        if (call == null) {
            throw disconnected(channel, null);
        }
        return call;
    }

    private void send(PendingCall call, LongFunction<byte[]> encoder) {
        byte[] frame;
        try {
            frame = encoder.apply(call.id());
        } catch (UnwritableValue e) {
            calls.release(call);
            throw unwritable(call.channel(), e);
        } catch (RuntimeException e) {
            calls.release(call);
            throw e;
        }
        try {
            write(frame);
        } catch (RuntimeException e) { // not sent (over the frame limit, or the link closed): nothing will answer
            calls.release(call);
            throw e;
        }
        if (call.watch() != null) {
            call.watch().sent(frame.length);
        }
    }

    private boolean waitFor(CompletableFuture<Envelope> reply, long deadlineNanos) throws InterruptedException {
        DispatchLoop loop = context.loop();
        if (loop != null && loop.isLoopThread()) {
            return loop.awaitServing(reply, deadlineNanos);
        }
        try {
            if (deadlineNanos == Long.MAX_VALUE) {
                reply.get();
            } else {
                reply.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    // CallTable.Owner: what the call table needs from this connection.

    @Override
    public void callOpened() {
        context.workStarted();
    }

    @Override
    public void callEnded() {
        context.workDone();
    }

    @Override
    public void sendCancel(long id) {
        try {
            // Never waits: this runs on the shared deadline timer, which a peer that stopped reading must not hold up.
            if (!link.offer(wire.cancel(id))) {
                LOG.log(Level.DEBUG, () -> "did not send $/cancelRequest for #" + id + ": " + link.describe()
                        + " has a full outgoing queue");
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "could not send $/cancelRequest for #" + id + ": " + e);
        }
    }

    @Override
    public RuntimeException timeout(PendingCall call) {
        return new IpcTimeoutException(call.channel() + ": no reply within " + call.deadlineMillis() + " ms");
    }

    /**
     * The reply of an asynchronous request is in (or it failed), on the thread that completed it (a link's reader,
     * the deadline timer, a closing thread): queues the settling on the context's executor, unless a waiting thread
     * settles it itself (see {@link #awaitAndSettle}). No decoding here: a reader thread never runs user code.
     */
    private <R> void replyIn(IpcFuture<R> future, PendingCall call, Envelope reply, Throwable failure) {
        if (call.replyArrived(callbacksOnExecutor(future))) {
            executeOrRun(() -> {
                if (call.claimSettle()) {
                    settle(future, call, reply, failure);
                }
            });
        }
    }

    /** Whether {@code future} has callbacks that must run on the context's executor rather than on a waiter. */
    private boolean callbacksOnExecutor(IpcFuture<?> future) {
        return !waiterRunsCallbacks && future.getNumberOfDependents() > 0;
    }

    /** Settles {@code future} from its call's complete reply (or failure). */
    private void settle(IpcFuture<?> future, PendingCall call) {
        Envelope reply = null;
        Throwable failure = null;
        try {
            reply = call.reply().join();
        } catch (CompletionException e) {
            failure = e.getCause();
        } catch (CancellationException e) {
            failure = e;
        }
        settle(future, call, reply, failure);
    }

    @SuppressWarnings("unchecked") // the codec decodes the result with the method's own result type R
    private <R> void settle(IpcFuture<R> future, PendingCall call, Envelope reply, Throwable failure) {
        CallWatch watch = call.watch();
        if (future.isDone()) {
            if (watch != null && future.isCancelled()) { // the caller cancelled it (else it was settled before)
                watch.end(new CancellationException(call.channel() + ": cancelled"));
            }
            return;
        }
        Throwable failed = failure;
        if (failure != null) {
            future.completeExceptionally(failure);
        } else if (reply.type() == Envelope.Type.RESULT) {
            try {
                future.complete((R) Replies.result(call.channel(), call.codec(), reply));
            } catch (RuntimeException e) {
                failed = e;
                future.completeExceptionally(e);
            }
        } else {
            failed = Replies.failure(call.channel(), call.codec(), reply);
            future.completeExceptionally(failed);
        }
        if (watch != null) {
            watch.end(failed);
        }
    }

    // ---------------------------------------------------------------------------------------------- incoming

    @Override
    public void onFrame(byte[] frame) {
        Envelope message;
        try {
            message = wire.decode(frame);
        } catch (ProtocolViolation violation) {
            violation(LOG, null, () -> "protocol error from " + link.describe() + ": " + violation.getMessage());
            reply(wire.error(violation.requestId(), violation.code(), violation.getMessage(), null, null));
            return;
        }
        switch (message.type()) {
            case RESULT, ERROR -> completePending(message);
            case REQUEST, NOTIFICATION -> receive(message);
        }
    }

    private void receive(Envelope message) {
        if (closed) {
            // The disconnect is already reported (and queued after everything that came before it): a frame the link
            // still hands over after a local close is not delivered after it.
            LOG.log(Level.DEBUG, () -> "dropped " + message + ": " + link.describe() + " is closed");
            return;
        }
        String method = message.method();
        if (WireFormat.CANCEL_METHOD.equals(method)) {
            if (message.type() == Envelope.Type.REQUEST) {
                // JSON-RPC answers every request; like $/broadcast, a cancellation is one-way and refused as a request.
                violation(LOG, method, () -> "refused " + message + " from " + link.describe()
                        + ": a request, not a notification");
                reply(wire.error(message.id(), ErrorCodes.INVALID_REQUEST,
                        WireFormat.CANCEL_METHOD + " is a notification: send it without an id (nothing was cancelled)",
                        null, null));
                return;
            }
            if (router == null || !router.cancel(this, message)) {
                try {
                    enqueue(message, () -> dispatch.cancel(message));
                } catch (RejectedExecutionException e) {
                    LOG.log(Level.DEBUG, () -> "ignored " + message + ": the context is closed");
                }
            }
        } else if ((Routing.ROUTE_METHOD.equals(method) || Routing.BROADCAST_METHOD.equals(method)) && router != null) {
            router.route(this, message);
        } else if (Routing.ROUTED_METHOD.equals(method) && context instanceof IpcRenderer) {
            Routing.Routed routed;
            try {
                routed = context.routing().readRouted(message);
            } catch (ProtocolViolation violation) {
                violation(LOG, method, () -> "bad " + method + " from " + link.describe() + ": "
                        + violation.getMessage());
                if (message.type() == Envelope.Type.REQUEST) {
                    reply(wire.error(message.id(), violation.code(), violation.getMessage(), null, null));
                }
                return;
            }
            accept(routed.inner(), routed);
        } else {
            accept(message, null);
        }
    }

    /**
     * Queues a request or notification for the context's handlers, or refuses it if the context is closing or this
     * peer has too many requests in flight.
     */
    void accept(Envelope message, Routing.Routed from) {
        boolean request = message.type() == Envelope.Type.REQUEST;
        if (request && !takeRequest()) {
            refuseOverBudget(message.id(), message.method());
            return;
        }
        context.workStarted();
        if (!context.acceptsIncoming()) {
            context.workDone();
            refuseQueued(message, request);
            return;
        }
        try {
            enqueue(message, () -> dispatch.dispatch(message, from));
        } catch (RejectedExecutionException e) {
            context.workDone();
            refuseQueued(message, request);
        }
    }

    private void refuseQueued(Envelope message, boolean request) {
        if (request) {
            requestDone();
        }
        dispatch.refuse(message, context.closingMessage());
    }

    /** Counts one more request held for this peer; false when it already has the most it may (main only). */
    boolean takeRequest() {
        return requests.tryTake();
    }

    /** A request counted with {@link #takeRequest()} is over. */
    void requestDone() {
        requests.give();
    }

    /** Main: counts one more routed request forwarded to this peer; false when it already has the most it may. */
    boolean takeForwarded() {
        return forwardedTo.tryTake();
    }

    /** A request counted with {@link #takeForwarded()} is answered or abandoned. */
    void forwardedDone() {
        forwardedTo.give();
    }

    /** Answers a request of this peer's that is over its budget, at once and without serving it. */
    void refuseOverBudget(Object requestId, String method) {
        String text = method + ": " + link.describe() + " already has " + requests.max() + " requests in flight with "
                + context + " (WireLimits.maxRequestsInFlight); send more once replies have come";
        violation(LOG, method, () -> "refused " + text);
        reply(wire.error(requestId, ErrorCodes.TOO_MANY_REQUESTS, text, null, null));
    }

    /**
     * Queues the task of a received message once the queue has room for it: the link's thread waits while more than
     * {@code maxQueuedIncomingBytes} are queued (backpressure). If the context takes nothing up for the stall timeout,
     * the connection is closed with a logged error rather than waiting forever (two contexts flooding each other
     * in-process would otherwise wait on each other).
     */
    private void enqueue(Envelope message, Runnable task) {
        long cost = (long) message.size() + WireLimits.QUEUED_MESSAGE_OVERHEAD;
        DispatchLoop loop = context.loop();
        // The context's own thread never waits for room: it is the one that makes it.
        boolean mayWait = loop == null || !loop.isLoopThread();
        if (!incoming.take(cost, mayWait, () -> closed)) {
            LOG.log(Level.WARNING, () -> "closing " + link.describe() + ": " + context + " has taken up none of the "
                    + incoming.queued() + " bytes of messages queued from it for "
                    + context.settings().wireLimits().sendStallTimeout().toMillis() + " ms");
            close();
        }
        try {
            inbound.execute(() -> {
                incoming.give(cost);
                task.run();
            });
        } catch (RejectedExecutionException e) {
            incoming.give(cost);
            throw e;
        }
    }

    private void completePending(Envelope reply) {
        if (!calls.complete(reply)) {
            // A reply after its deadline or cancellation, or to nothing we sent: dropped, by design.
            LOG.log(Level.DEBUG, () -> "dropped a reply with no waiting call: " + reply);
        }
    }

    @Override
    public void onClose(Throwable cause) {
        if (closed) {
            return;
        }
        closed = true;
        incoming.wakeWaiters(); // a reader waiting for room stops waiting
        calls.close(disconnected(null, cause));
        if (router != null) {
            router.closed(this); // abandons what main forwards for this peer
        }
        dispatch.cancelAll();
        ConnectionEvents.closed(context.contextName(), peerLabel(), link.describe(), cause);
        context.connectionClosed(this, cause);
    }

    // ---------------------------------------------------------------------------------------------- plumbing

    /**
     * Closes this connection from this side. The calls still waiting fail first, before the link is asked to close:
     * between the link's close and its report of it a reply can still arrive — the peer may already have seen the
     * close and answered the handlers it cancelled with {@code -32800} — and a caller of a side that closed must see
     * {@link IpcDisconnectedException} whatever was on the way (docs/reliability.md, "Closing").
     */
    void close() {
        calls.close(disconnected(null, null));
        link.close();
    }

    /**
     * Sends a reply frame without ever waiting: replies go out from the thread that serves every peer, so a peer that
     * has stopped reading (its outgoing queue is full) is disconnected rather than allowed to stall the others. A
     * peer that went away meanwhile just doesn't get it.
     */
    void reply(byte[] frame) {
        if (closed) {
            // Once this side knows of the close, the peer's calls have failed (or will, when its link reports it) with
            // a disconnect: an answer made now (such as -32800 for a handler the close cancelled) must not overtake it.
            LOG.log(Level.DEBUG, () -> "not sending a reply: " + link.describe() + " is closed");
            return;
        }
        try {
            if (!link.offer(frame)) {
                LOG.log(Level.WARNING, () -> "the peer on " + link.describe() + " has stopped reading its replies ("
                        + context.settings().wireLimits().maxQueuedOutgoingBytes()
                        + " bytes are waiting); closing the connection");
                close();
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "could not send a reply to " + link.describe() + ": " + e);
        }
    }

    /** Runs on the context's executor (after everything already queued for this peer), or here if it is shut down. */
    void executeOrRun(Runnable task) {
        try {
            inbound.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    private void write(byte[] frame) {
        int limit = context.settings().wireLimits().maxFrameBytes();
        if (frame.length > limit) {
            // Not a broken connection: this one message is too big, and nothing was sent.
            throw new IpcException(ErrorCodes.INVALID_PARAMS, "a message of " + frame.length
                    + " bytes is over the frame limit of " + limit + " bytes; nothing was sent");
        }
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

    private static RuntimeException asRuntime(Throwable failure) {
        return failure instanceof RuntimeException runtime ? runtime : new IpcException(ErrorCodes.INTERNAL_ERROR, failure.toString(), failure);
    }
}
