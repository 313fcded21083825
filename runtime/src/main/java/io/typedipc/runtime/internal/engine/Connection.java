package io.typedipc.runtime.internal.engine;

import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.internal.wire.Envelope;
import io.typedipc.runtime.internal.wire.JsonRpcCodes;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * One link to one peer, seen from one context: sends requests and notifications and matches replies to the calls
 * waiting for them; receives frames on the link's thread, decodes only their envelopes there, and hands everything
 * else to the context's executor, in arrival order. In main it hands renderer-to-renderer traffic ({@code $/route},
 * {@code $/broadcast}, and the cancellations of what was forwarded) to main's {@link Router}, on the link's thread.
 */
public final class Connection implements Link.Listener, CallTable.Owner {
    private static final System.Logger LOG = System.getLogger(Connection.class.getName());
    /** The channel main's forwards of routed requests are opened under: another renderer's calls, not ours. */
    private static final String FORWARD_CHANNEL = new String("(routed)");
    /** The peer id of main, as handlers see it ({@code IpcEvent.MAIN_ID}). */
    public static final int MAIN_ID = 0;
    /** Main's name, as renderers and error reports see it ({@code IpcRenderer.MAIN_NAME}). */
    public static final String MAIN_NAME = "main";

    /** What a connection needs from the context it belongs to; the contexts implement it. */
    public interface Owner {
        WireFormat wire();

        Routing routing();

        /** The failure factory: the exceptions callers and handlers see. */
        Failures failures();

        /** {@code link} as this context's connections use it: traced when the settings ask for a message trace. */
        Link traced(Link link, Supplier<String> peer);

        /** The executor for one connection's incoming messages: serial, so one peer's messages keep their order. */
        Executor newInboundExecutor();

        /** The context's own dispatch thread, or {@code null} when it has none (an executor, direct mode). */
        DispatchLoop loop();

        /** Whether the context runs its handlers on the thread that receives the message (direct mode). */
        boolean usesDirectExecutor();

        /** Who watches the calls this context sends (interceptors, JFR). */
        CallObserver calls();

        /** Main's router for what renderers send each other; {@code null} in a renderer (which receives $/routed). */
        Router router();

        /** How many requests a new connection's peer may have in flight with this context at once. */
        RequestBudget newRequestBudget();

        /** {@code WireLimits.maxFrameBytes}. */
        int maxFrameBytes();

        /** {@code WireLimits.maxQueuedIncomingBytes}. */
        long maxQueuedIncomingBytes();

        /** {@code WireLimits.maxQueuedOutgoingBytes}. */
        long maxQueuedOutgoingBytes();

        /** {@code WireLimits.sendStallTimeout}. */
        Duration sendStallTimeout();

        /** This context's name in traces and events: {@code "main"} or the renderer's name. */
        String contextName();

        /** Throws the failure factory's disconnect once the context is closing: it takes no new outgoing work. */
        void ensureOpenForOutgoing(String channel);

        boolean acceptsIncoming();

        String closingMessage();

        /** A unit of work (a request received or sent, a message to deliver) started: a graceful close waits. */
        void workStarted();

        void workDone();

        /** Tells the context's error listeners that {@code peer} broke the protocol; {@code text} is made lazily. */
        void protocolViolation(String channel, String peer, Supplier<String> text);

        /** Called once when the connection has closed. */
        void connectionClosed(Connection connection, Throwable cause);
    }

    /**
     * What the connection hands the messages it receives to, on the context's executor: the context's handlers and
     * listeners (user code, so it lives with the API).
     */
    public interface Serving {
        /**
         * Serves a request or delivers a notification; {@code from} is the original sender of a message another
         * renderer routed through main, else {@code null}. Ends the unit of work {@link #accept} started.
         */
        void dispatch(Envelope message, Routing.Routed from);

        /** Answers a request that will not be served (the context is closing), or drops a notification. */
        void refuse(Envelope message, String why);

        /** A {@code $/cancelRequest} from the peer for a request still being served. */
        void cancel(Envelope cancellation);

        /** The connection closed: whatever still works on its requests is cancelled. */
        void cancelAll();
    }

    private final Owner context;
    private final Link link;
    private final WireFormat wire;
    private final Failures failures;
    private final Executor inbound;
    /** Main's router, which forwards what renderers send each other; {@code null} in a renderer. */
    private final Router router;
    /** Our requests waiting for replies, with their one deadline queue. */
    private final CallTable calls = new CallTable(this);
    /** Who watches the calls this connection sends (interceptors, JFR); a call nobody watches gets no watch. */
    private final CallObserver observer;
    private volatile Serving dispatch;
    private volatile int remoteId;
    private volatile String remoteName;
    /** Who is at the other end, for the message trace and events ({@code null} until started). */
    private volatile String peerLabel;
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

    public Connection(Owner context, Link link) {
        this.context = context;
        this.link = context.traced(link, this::peerLabel);
        this.wire = context.wire();
        this.failures = context.failures();
        this.inbound = context.newInboundExecutor();
        this.waiterRunsCallbacks = context.loop() == null && !context.usesDirectExecutor();
        this.router = context.router();
        this.observer = context.calls();
        this.incoming = new IncomingBudget(context.maxQueuedIncomingBytes(), context.sendStallTimeout());
        this.requests = context.newRequestBudget();
        this.forwardedTo = context.newRequestBudget();
    }

    /**
     * Starts receiving: what arrives goes to {@code serving}; {@code remoteId} and {@code remoteName} are the peer's
     * identity ({@link #MAIN_ID} and {@link #MAIN_NAME} for main), {@code label} how traces and events name it.
     */
    public void start(Serving serving, int remoteId, String remoteName, String label) {
        this.dispatch = serving;
        this.remoteId = remoteId;
        this.remoteName = remoteName;
        this.peerLabel = label;
        ConnectionEvents.opened(context.contextName(), peerLabel(), link.describe());
        link.start(this);
    }

    /** Who is at the other end, for the message trace. */
    private String peerLabel() {
        String label = peerLabel;
        return label == null ? "(not started) " + link.describe() : label;
    }

    public int remoteId() {
        return remoteId;
    }

    public String remoteName() {
        return remoteName;
    }

    public boolean isOpen() {
        return !closed;
    }

    public String describe() {
        return link.describe();
    }

    /** Where what this peer got wrong is logged, at a bounded rate. */
    public ViolationLog violations() {
        return violations;
    }

    /**
     * What this peer got wrong: logged to {@code log} at WARNING at a bounded rate, and reported to the context's
     * error listeners every time.
     */
    public void violation(System.Logger log, String channel, Supplier<String> text) {
        violations.log(log, Level.WARNING, text);
        context.protocolViolation(channel, peerDescription(), text);
    }

    /** Who is at the other end, as error reports name it: {@code "main"} or {@code "renderer panel#3"}. */
    public String peerDescription() {
        return remoteId == MAIN_ID ? MAIN_NAME : "renderer " + remoteName + "#" + remoteId;
    }

    /** This connection's own requests still waiting for a reply (not those main forwards for others), oldest first. */
    public List<PendingCall> ownCalls() {
        List<PendingCall> own = new ArrayList<>();
        for (PendingCall call : calls.snapshot()) {
            if (call.channel() != FORWARD_CHANNEL) { // this very string: forwards are opened with it
                own.add(call);
            }
        }
        return own;
    }

    // ---------------------------------------------------------------------------------------------- outgoing

    public void notify(String channel, MethodCodec codec, Object[] args) {
        notify(channel, args, peerLabel(), () -> wire.notification(channel, codec, args));
    }

    /**
     * Sends the one-way message {@code encoder} makes, as a call of this context's ({@code args} to {@code target},
     * for its interceptors and events).
     */
    public void notify(String channel, Object[] args, String target, Supplier<byte[]> encoder) {
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
    public void notify(String channel, Supplier<byte[]> encoder) {
        context.ensureOpenForOutgoing(channel);
        ensureOpen(channel);
        write(encode(channel, encoder));
    }

    /** The frame {@code encoder} makes; a value in it that cannot be written is the caller's error, nothing is sent. */
    private byte[] encode(String channel, Supplier<byte[]> encoder) {
        try {
            return encoder.get();
        } catch (UnwritableValue e) {
            throw unwritable(failures, channel, e);
        }
    }

    /** What a caller gets for a value that cannot be written as JSON: the channel, the value's type, and why. */
    public static RuntimeException unwritable(Failures failures, String channel, UnwritableValue e) {
        return failures.local(JsonRpcCodes.INVALID_PARAMS, channel + ": " + e.getMessage() + "; nothing was sent", e);
    }

    /** Sends a frame as it is, ignoring a closed link: for forwarding and broadcasting. */
    public boolean sendRaw(byte[] frame) {
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

    /** Sends a request and blocks for its reply; see {@code IpcPeer.call}. */
    public Object call(String channel, MethodCodec codec, Deadline deadline, Object[] args) {
        return call(channel, codec, deadline, args, peerLabel(), id -> wire.request(id, channel, codec, args, deadline.remainingMillis()));
    }

    /**
     * Sends the request {@code encoder} makes for an id, and blocks until the reply or the deadline. The reply is
     * decoded with {@code codec}. {@code args} and {@code target} are what the call's interceptors see.
     */
    public Object call(String channel, MethodCodec codec, Deadline deadline, Object[] args, String target,
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
            throw failures.local(JsonRpcCodes.CANCELLED, channel + ": interrupted while waiting for the reply", e);
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
            return Replies.result(failures, call.channel(), call.codec(), reply);
        }
        throw failures.thrownByCall(Replies.failure(failures, call.channel(), call.codec(), reply));
    }

    /** Sends a request whose future completes on the context's executor; see {@code IpcPeer.invoke}. */
    public <R> CompletableFuture<R> invoke(String channel, MethodCodec codec, Deadline deadline, Object[] args) {
        return invoke(channel, codec, deadline, args, peerLabel(), id -> wire.request(id, channel, codec, args, deadline.remainingMillis()));
    }

    /** As {@link #call(String, MethodCodec, Deadline, Object[], String, LongFunction)}, answered by a future. */
    public <R> CompletableFuture<R> invoke(String channel, MethodCodec codec, Deadline deadline, Object[] args, String target,
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
    public CompletableFuture<Object> protocolRequest(String method, Deadline deadline, CallWatch timing,
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
     * Main: sends another renderer's request to this connection's renderer (as {@code $/routed}) and hands the raw
     * reply to {@code onReply}, or the failure factory's timeout at the deadline and its disconnect if this renderer
     * goes away. The returned runnable abandons the request (and tells this renderer); {@code null} if this
     * connection is closed (nothing was sent, {@code onReply} is never called).
     */
    Runnable forward(LongFunction<byte[]> encoder, Duration deadline, BiConsumer<Envelope, Throwable> onReply) {
        Deadline until = Deadline.after(deadline);
        PendingCall call = closed ? null : calls.open(FORWARD_CHANNEL, wire.untyped(), until.nanos(), until.millis());
        if (call == null) {
            return null;
        }
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
            throw unwritable(failures, call.channel(), e);
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
        return failures.timeout(call.channel() + ": no reply within " + call.deadlineMillis() + " ms");
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
                future.complete((R) Replies.result(failures, call.channel(), call.codec(), reply));
            } catch (RuntimeException e) {
                failed = e;
                future.completeExceptionally(e);
            }
        } else {
            failed = Replies.failure(failures, call.channel(), call.codec(), reply);
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
                reply(wire.error(message.id(), JsonRpcCodes.INVALID_REQUEST,
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
        } else if (Routing.ROUTED_METHOD.equals(method) && router == null) { // a renderer's: main forwarded it
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
    public void requestDone() {
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
        reply(wire.error(requestId, JsonRpcCodes.TOO_MANY_REQUESTS, text, null, null));
    }

    /**
     * Queues the task of a received message once the queue has room for it: the link's thread waits while more than
     * {@code maxQueuedIncomingBytes} are queued (backpressure). If the context takes nothing up for the stall timeout,
     * the connection is closed with a logged error rather than waiting forever (two contexts flooding each other
     * in-process would otherwise wait on each other).
     */
    private void enqueue(Envelope message, Runnable task) {
        long cost = (long) message.size() + IncomingBudget.MESSAGE_OVERHEAD;
        DispatchLoop loop = context.loop();
        // The context's own thread never waits for room: it is the one that makes it.
        boolean mayWait = loop == null || !loop.isLoopThread();
        if (!incoming.take(cost, mayWait, () -> closed)) {
            LOG.log(Level.WARNING, () -> "closing " + link.describe() + ": " + context + " has taken up none of the "
                    + incoming.queued() + " bytes of messages queued from it for "
                    + context.sendStallTimeout().toMillis() + " ms");
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
        Serving serving = dispatch;
        if (serving != null) { // null only if the link closed before start()
            serving.cancelAll();
        }
        ConnectionEvents.closed(context.contextName(), peerLabel(), link.describe(), cause);
        context.connectionClosed(this, cause);
    }

    // ---------------------------------------------------------------------------------------------- plumbing

    /**
     * Closes this connection from this side. The calls still waiting fail first, before the link is asked to close:
     * between the link's close and its report of it a reply can still arrive — the peer may already have seen the
     * close and answered the handlers it cancelled with {@code -32800} — and a caller of a side that closed must see
     * {@code IpcDisconnectedException} whatever was on the way (docs/reliability.md, "Closing").
     */
    public void close() {
        calls.close(disconnected(null, null));
        link.close();
    }

    /**
     * Sends a reply frame without ever waiting: replies go out from the thread that serves every peer, so a peer that
     * has stopped reading (its outgoing queue is full) is disconnected rather than allowed to stall the others. A
     * peer that went away meanwhile just doesn't get it.
     */
    public void reply(byte[] frame) {
        if (closed) {
            // Once this side knows of the close, the peer's calls have failed (or will, when its link reports it) with
            // a disconnect: an answer made now (such as -32800 for a handler the close cancelled) must not overtake it.
            LOG.log(Level.DEBUG, () -> "not sending a reply: " + link.describe() + " is closed");
            return;
        }
        try {
            if (!link.offer(frame)) {
                LOG.log(Level.WARNING, () -> "the peer on " + link.describe() + " has stopped reading its replies ("
                        + context.maxQueuedOutgoingBytes()
                        + " bytes are waiting); closing the connection");
                close();
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "could not send a reply to " + link.describe() + ": " + e);
        }
    }

    /** Runs on the context's executor (after everything already queued for this peer), or here if it is shut down. */
    public void executeOrRun(Runnable task) {
        try {
            inbound.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    private void write(byte[] frame) {
        int limit = context.maxFrameBytes();
        if (frame.length > limit) {
            // Not a broken connection: this one message is too big, and nothing was sent.
            throw failures.local(JsonRpcCodes.INVALID_PARAMS, "a message of " + frame.length
                    + " bytes is over the frame limit of " + limit + " bytes; nothing was sent", null);
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

    private RuntimeException disconnected(String channel, Throwable cause) {
        String what = (channel == null ? "" : channel + ": ") + "the connection to " + link.describe() + " is closed";
        return failures.disconnected(cause == null ? what : what + " (" + cause + ")", cause);
    }

    private RuntimeException asRuntime(Throwable failure) {
        return failure instanceof RuntimeException runtime ? runtime
                : failures.local(JsonRpcCodes.INTERNAL_ERROR, failure.toString(), failure);
    }
}
