package io.typedipc.runtime;

import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.internal.engine.Connection;
import io.typedipc.runtime.internal.wire.Envelope;
import io.typedipc.runtime.internal.wire.ProtocolViolation;
import io.typedipc.runtime.internal.wire.Routing;
import io.typedipc.runtime.internal.wire.WireFormat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Serves one connection's incoming requests and notifications on the context's executor: finds the handler or
 * listeners, decodes the arguments with their codec, runs the user's code with {@link IpcEvent#current()} set, and
 * sends the result or a well-formed error back. Also honours {@code $/cancelRequest} for requests still being served.
 *
 * <p>A request goes to the channel's handler; when the channel has none but has listeners, the listeners receive it
 * and answer with {@link IpcEvent#setReturnValue} (Electron's {@code sendSync} + {@code event.returnValue}); with
 * neither it fails with {@link ErrorCodes#METHOD_NOT_FOUND}. A one-way message goes to the listeners only.
 */
final class InboundDispatch implements Connection.Serving {
    private static final System.Logger LOG = System.getLogger(InboundDispatch.class.getName());

    private final IpcContext context;
    private final Connection connection;
    /** Who handlers see as the sender of this connection's own messages. */
    private final IpcPeer remote;
    private final WireFormat wire;
    /** Asynchronous handlers still working, by request id, so that {@code $/cancelRequest} can reach them. */
    private final Map<Object, CompletableFuture<?>> working = new ConcurrentHashMap<>();

    InboundDispatch(IpcContext context, Connection connection, IpcPeer remote) {
        this.context = context;
        this.connection = connection;
        this.remote = remote;
        this.wire = context.wire();
    }

    /** A new event for a message that arrived on this connection, or that another renderer routed through it. */
    private IpcEvent eventFor(Envelope message, Routing.Routed from) {
        boolean request = message.type() == Envelope.Type.REQUEST;
        if (from != null && context instanceof IpcRenderer renderer) {
            boolean timed = request && from.deadlineMillis() > 0;
            return new IpcEvent(message.method(), renderer.peer(from.fromId()), from.fromId(), from.fromName(), true,
                    request, timed, timed ? System.nanoTime() + from.deadlineMillis() * 1_000_000L : 0);
        }
        // A direct request's deadline is the one its sender wrote into it, counted from when it was received.
        boolean timed = request && message.hasDeadline();
        return new IpcEvent(message.method(), remote, connection.remoteId(), connection.remoteName(), false, request,
                timed, timed ? message.deadlineNanos() : 0);
    }

    /**
     * Runs on the context's executor. {@code from} is the original sender of a message another renderer routed
     * through main, else {@code null}. Each call ends the unit of work {@code Connection.accept} started.
     */
    @Override
    public void dispatch(Envelope message, Routing.Routed from) {
        if (message.type() == Envelope.Type.REQUEST && !connection.isOpen()) {
            // Closed while this waited in the queue: nobody can receive the reply. A notification that arrived before
            // the close is still delivered ("send the final state, then close"): it needs no one to answer.
            LOG.log(Level.DEBUG, () -> "not serving " + message + ": " + connection.describe() + " closed meanwhile");
            connection.requestDone();
            context.workDone();
            return;
        }
        if (message.type() == Envelope.Type.REQUEST) {
            serveRequest(message, from);
        } else {
            try {
                deliverNotification(message, from);
            } finally {
                context.workDone();
            }
        }
    }

    /** Answers a request that will not be served, because the context is closing. */
    @Override
    public void refuse(Envelope message, String why) {
        if (message.type() == Envelope.Type.REQUEST) {
            connection.reply(wire.error(message.id(), ErrorCodes.DISCONNECTED, message.method() + ": " + why, null, null));
        } else {
            LOG.log(Level.DEBUG, () -> "dropped " + message + ": " + why);
        }
    }

    /** The connection closed: asynchronous handlers still working on its requests are cancelled. */
    @Override
    public void cancelAll() {
        for (CompletableFuture<?> future : working.values()) {
            connection.executeOrRun(() -> future.cancel(true));
        }
        working.clear();
    }

    /** A {@code $/cancelRequest} from the peer: cancels the named request's future if its handler still works. */
    @Override
    public void cancel(Envelope message) {
        Object id;
        try {
            id = wire.cancelledId(message);
        } catch (ProtocolViolation violation) {
            LOG.log(Level.DEBUG, () -> "ignored a malformed $/cancelRequest: " + violation.getMessage());
            return;
        }
        CompletableFuture<?> future = id == null ? null : working.remove(id);
        if (future != null) {
            future.cancel(true);
        }
    }

    private void serveRequest(Envelope message, Routing.Routed from) {
        if (WireFormat.PING_METHOD.equals(message.method())) {
            // Answered by the runtime, in order behind what came before it, never by a handler: a health check.
            answer(wire.result(message.id(), wire.untyped(), Map.of()));
            return;
        }
        Handlers.HandlerEntry entry = context.handlers().handler(message.method());
        if (entry != null && !entry.claim()) {
            entry = null; // a handleOnce handler that another request has already taken
        }
        if (entry == null) {
            List<Handlers.ListenerEntry> listeners = context.handlers().listeners(message.method());
            if (!listeners.isEmpty()) {
                serveWithListeners(message, from, listeners);
                return;
            }
            LOG.log(Level.DEBUG, () -> "no handler for request " + message + " from " + connection.describe());
            answer(wire.error(message.id(), ErrorCodes.METHOD_NOT_FOUND,
                    "no handler for channel '" + message.method() + "'", null, null));
            return;
        }
        if (entry.spent() != null) {
            context.handlers().remove(message.method(), entry);
        }
        Object[] args;
        try {
            args = entry.codec().readParams(message, wire.mapper());
        } catch (ProtocolViolation violation) {
            connection.violation(LOG, message.method(), () -> "refused " + message + " from " + connection.describe() + ": "
                    + violation.getMessage());
            answer(wire.error(message.id(), violation.code(), violation.getMessage(), null, null));
            return;
        }
        IpcEvent event = eventFor(message, from);
        CallObservation.Watch watch;
        try {
            watch = intercept(message, args, event);
        } catch (IpcRefusedException refused) {
            answer(wire.error(message.id(), ErrorCodes.REFUSED, refused.getMessage(), null, null));
            return;
        }
        Handlers.HandlerEntry handler = entry;
        Object result;
        try {
            result = event.runAsCurrent(() -> handler.handler().handle(event, args));
        } catch (Throwable failure) {
            replyFailure(message.id(), message.method(), entry, failure, watch);
            return;
        }
        finish(message, entry, result, watch);
    }

    /**
     * Runs the context's incoming interceptors (with the event current, as for the handler) once the handler and
     * the arguments are known; {@code null} when nothing watches.
     *
     * @throws IpcRefusedException if one refused the call
     */
    private CallObservation.Watch intercept(Envelope message, Object[] args, IpcEvent event) {
        try {
            return event.runAsCurrent(() -> context.calls().incoming(message.type() == Envelope.Type.REQUEST,
                    message.method(), args, event, message.size()));
        } catch (IpcRefusedException refused) {
            LOG.log(Level.DEBUG, () -> "an interceptor refused " + message + " from " + connection.describe());
            throw refused;
        } catch (Exception e) {
            throw new AssertionError("interception wraps every failure in a refusal", e);
        }
    }

    /** Replies with a handler's (or listeners') result, waiting for it first if it is a future. */
    private void finish(Envelope message, Handlers.HandlerEntry entry, Object result, CallObservation.Watch watch) {
        Object id = message.id();
        String method = message.method();
        if (result instanceof CompletionStage<?> stage && entry.completesLater()) {
            CompletableFuture<?> future = stage.toCompletableFuture();
            working.put(id, future);
            if (!connection.isOpen()) {
                // Closed while the handler ran: cancelAll may have come before the put, and nobody else would end it.
                future.cancel(true);
            }
            // Only the id and the channel wait with the future, never the message: its frame (the arguments' bytes,
            // up to the frame limit) is garbage once the arguments are decoded, however long the handler takes.
            future.whenComplete((value, failure) -> {
                working.remove(id, future);
                if (failure != null) {
                    replyFailure(id, method, entry, failure, watch);
                } else {
                    replyResult(id, method, entry, value, watch);
                }
            });
        } else if (result == null && entry.completesLater() && entry.method() != null) {
            replyFailure(id, method, entry, new NullPointerException("the handler returned a null future"), watch);
        } else {
            replyResult(id, method, entry, result, watch);
        }
    }

    /** Electron's {@code sendSync} answered by {@code on} listeners through {@link IpcEvent#setReturnValue}. */
    private void serveWithListeners(Envelope message, Routing.Routed from, List<Handlers.ListenerEntry> listeners) {
        Handlers.HandlerEntry untyped = new Handlers.HandlerEntry(null, wire.untyped(), null, null);
        IpcEvent event = eventFor(message, from);
        CallObservation.Watch watch = null;
        if (context.calls().watchesIncoming()) {
            try {
                watch = intercept(message, listeners.get(0).codec().readParams(message, wire.mapper()), event);
            } catch (ProtocolViolation violation) {
                connection.violations().log(LOG, Level.WARNING, () -> "refused " + message + " from " + connection.describe() + ": "
                        + violation.getMessage());
                answer(wire.error(message.id(), violation.code(), violation.getMessage(), null, null));
                return;
            } catch (IpcRefusedException refused) {
                answer(wire.error(message.id(), ErrorCodes.REFUSED, refused.getMessage(), null, null));
                return;
            }
        }
        Throwable firstFailure = null;
        boolean anyListener = false;
        for (Handlers.ListenerEntry listener : listeners) {
            if (!listener.claim()) {
                continue;
            }
            if (listener.spent() != null) {
                context.handlers().remove(message.method(), listener);
            }
            anyListener = true;
            Object[] args;
            try {
                args = listener.codec().readParams(message, wire.mapper());
            } catch (ProtocolViolation violation) {
                connection.violation(LOG, message.method(), () -> "refused " + message + " from " + connection.describe() + ": "
                        + violation.getMessage());
                answer(wire.error(message.id(), violation.code(), violation.getMessage(), null, null), watch,
                        violation.code(), null);
                return;
            }
            try {
                event.runAsCurrent(() -> {
                    listener.listener().onMessage(event, args);
                    return null;
                });
            } catch (Throwable failure) {
                if (firstFailure == null) {
                    firstFailure = failure;
                }
            }
        }
        if (firstFailure != null) {
            replyFailure(message.id(), message.method(), untyped, firstFailure, watch);
        } else if (event.hasReturnValue()) {
            finish(message, untyped, event.returnValue(), watch);
        } else {
            int code = anyListener ? ErrorCodes.APPLICATION_ERROR : ErrorCodes.METHOD_NOT_FOUND;
            answer(wire.error(message.id(), code,
                    anyListener
                            ? message.method() + ": no listener set a return value (IpcEvent.setReturnValue)"
                            : "no handler for channel '" + message.method() + "'",
                    null, null), watch, code, null);
        }
    }

    private void replyResult(Object id, String method, Handlers.HandlerEntry entry, Object value,
            CallObservation.Watch watch) {
        byte[] frame;
        int code = 0;
        try {
            frame = wire.result(id, entry.codec(), value);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "could not encode the result of " + method, e);
            context.reportError(IpcError.Kind.REPLY_FAILED, method, connection.peerDescription(),
                    () -> "could not encode the result of " + method + ": " + e.getMessage(), e);
            code = ErrorCodes.INTERNAL_ERROR;
            frame = wire.error(id, code,
                    method + ": the result could not be encoded: " + e.getMessage(), null, null);
        }
        int limit = context.settings().wireLimits().maxFrameBytes();
        if (frame.length > limit) {
            // The caller would otherwise wait for a reply that can never be sent, until its deadline.
            String why = method + ": the result is " + frame.length
                    + " bytes, over the frame limit of " + limit + " bytes";
            LOG.log(Level.WARNING, why);
            context.reportError(IpcError.Kind.REPLY_FAILED, method, connection.peerDescription(), () -> why,
                    null);
            code = ErrorCodes.INTERNAL_ERROR;
            frame = wire.error(id, code, why, null, null);
        }
        answer(frame, watch, code, null);
    }

    private void replyFailure(Object id, String method, Handlers.HandlerEntry entry, Throwable failure,
            CallObservation.Watch watch) {
        Throwable cause = unwrap(failure);
        if (cause instanceof CancellationException) {
            answer(wire.error(id, ErrorCodes.CANCELLED, method + ": cancelled", null, null), watch,
                    ErrorCodes.CANCELLED, cause);
            return;
        }
        MethodDescriptor.DeclaredError<?> declared =
                entry.method() == null ? null : entry.method().declaredErrorFor(cause);
        int code;
        String type;
        if (declared != null) {
            code = ErrorCodes.DECLARED_ERROR;
            type = declared.type().getName();
            LOG.log(Level.DEBUG, () -> method + " answered with its declared " + type);
        } else {
            code = ErrorCodes.APPLICATION_ERROR;
            type = cause.getClass().getName();
            LOG.log(Level.WARNING, "the handler of " + method + " failed", cause);
            context.reportError(IpcError.Kind.HANDLER_FAILED, method, connection.peerDescription(),
                    () -> "the handler of " + method + " failed: " + cause, cause);
        }
        String stackTrace = context.settings().sendStackTraces() ? stackTraceOf(cause) : null;
        answer(wire.error(id, code, String.valueOf(cause.getMessage()), type, stackTrace), watch, code, cause);
    }

    /** Sends a request's one reply and ends its unit of work. */
    private void answer(byte[] frame) {
        answer(frame, null, 0, null);
    }

    /**
     * Sends a request's one reply, tells its watch (if any) how the call ended — {@code code} 0 for a result, the
     * error's code, or a disconnect if the connection closed meanwhile — and ends its unit of work.
     */
    private void answer(byte[] frame, CallObservation.Watch watch, int code, Throwable failure) {
        try {
            connection.reply(frame);
            if (watch != null) {
                watch.sent(frame.length);
                watch.served(connection.isOpen() ? code : ErrorCodes.DISCONNECTED, failure);
            }
        } finally {
            connection.requestDone();
            context.workDone();
        }
    }

    private void deliverNotification(Envelope message, Routing.Routed from) {
        List<Handlers.ListenerEntry> listeners = context.handlers().listeners(message.method());
        if (listeners.isEmpty()) {
            LOG.log(Level.DEBUG, () -> "no listener for " + message + " from " + connection.describe());
            return;
        }
        IpcEvent event = eventFor(message, from);
        CallObservation.Watch watch = null;
        if (context.calls().watchesIncoming()) {
            try {
                watch = intercept(message, listeners.get(0).codec().readParams(message, wire.mapper()), event);
            } catch (ProtocolViolation violation) {
                // not intercepted: every listener below drops it for the same reason, and logs it
            } catch (IpcRefusedException refused) {
                return; // a refused one-way message is dropped: there is no reply to carry the refusal
            }
        }
        Throwable firstFailure = null;
        for (Handlers.ListenerEntry listener : listeners) {
            if (!listener.claim()) {
                continue;
            }
            if (listener.spent() != null) {
                context.handlers().remove(message.method(), listener);
            }
            Object[] args;
            try {
                args = listener.codec().readParams(message, wire.mapper());
            } catch (ProtocolViolation violation) {
                connection.violation(LOG, message.method(), () -> "dropped " + message + " from " + connection.describe() + ": "
                        + violation.getMessage());
                continue;
            }
            try {
                event.runAsCurrent(() -> {
                    listener.listener().onMessage(event, args);
                    return null;
                });
            } catch (Throwable failure) {
                LOG.log(Level.WARNING, "a listener of " + message.method() + " failed", failure);
                context.reportError(IpcError.Kind.LISTENER_FAILED, message.method(), connection.peerDescription(),
                        () -> "a listener of " + message.method() + " failed: " + failure, failure);
                firstFailure = firstFailure == null ? failure : firstFailure;
            }
        }
        if (watch != null) {
            watch.served(firstFailure == null ? 0 : ErrorCodes.APPLICATION_ERROR, firstFailure);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String stackTraceOf(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
