package io.typedipc.runtime;

import io.typedipc.runtime.wire.Envelope;
import io.typedipc.runtime.wire.ProtocolViolation;
import io.typedipc.runtime.wire.WireFormat;
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
 */
final class InboundDispatch {
    private static final System.Logger LOG = System.getLogger(InboundDispatch.class.getName());

    private final IpcContext context;
    private final Connection connection;
    private final WireFormat wire;
    /** Asynchronous handlers still working, by request id, so that {@code $/cancelRequest} can reach them. */
    private final Map<Object, CompletableFuture<?>> working = new ConcurrentHashMap<>();

    InboundDispatch(IpcContext context, Connection connection) {
        this.context = context;
        this.connection = connection;
        this.wire = context.wire();
    }

    /** Runs on the context's executor. */
    void dispatch(Envelope message) {
        if (WireFormat.CANCEL_METHOD.equals(message.method())) {
            cancelWorking(message);
        } else if (message.type() == Envelope.Type.REQUEST) {
            serveRequest(message);
        } else {
            deliverNotification(message);
        }
    }

    /** Answers a request that will not be served, because the context is closing. */
    void refuse(Envelope message, String why) {
        if (message.type() == Envelope.Type.REQUEST) {
            connection.reply(wire.error(message.id(), ErrorCodes.INTERNAL_ERROR, message.method() + ": " + why, null, null));
        }
    }

    /** The connection closed: asynchronous handlers still working on its requests are cancelled. */
    void cancelAll() {
        for (CompletableFuture<?> future : working.values()) {
            connection.executeOrRun(() -> future.cancel(true));
        }
        working.clear();
    }

    private void serveRequest(Envelope message) {
        Handlers.HandlerEntry entry = context.handlers().handler(message.method());
        if (entry == null) {
            LOG.log(Level.DEBUG, () -> "no handler for request " + message + " from " + connection.describe());
            connection.reply(wire.error(message.id(), ErrorCodes.METHOD_NOT_FOUND,
                    "no handler for channel '" + message.method() + "'", null, null));
            return;
        }
        Object[] args;
        try {
            args = entry.codec().readParams(message, wire.mapper());
        } catch (ProtocolViolation violation) {
            connection.reply(wire.error(message.id(), violation.code(), violation.getMessage(), null, null));
            return;
        }
        IpcEvent event = connection.eventFor(message.method());
        Object result;
        try {
            result = event.runAsCurrent(() -> entry.handler().handle(event, args));
        } catch (Throwable failure) {
            replyFailure(message, entry, failure);
            return;
        }
        if (result instanceof CompletionStage<?> stage && entry.completesLater()) {
            CompletableFuture<?> future = stage.toCompletableFuture();
            working.put(message.id(), future);
            future.whenComplete((value, failure) -> {
                working.remove(message.id(), future);
                if (failure != null) {
                    replyFailure(message, entry, failure);
                } else {
                    replyResult(message, entry, value);
                }
            });
        } else if (result == null && entry.completesLater() && entry.method() != null) {
            replyFailure(message, entry, new NullPointerException("the handler returned a null future"));
        } else {
            replyResult(message, entry, result);
        }
    }

    private void replyResult(Envelope message, Handlers.HandlerEntry entry, Object value) {
        byte[] frame;
        try {
            frame = wire.result(message.id(), entry.codec(), value);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "could not encode the result of " + message.method(), e);
            frame = wire.error(message.id(), ErrorCodes.INTERNAL_ERROR,
                    message.method() + ": the result could not be encoded: " + e.getMessage(), null, null);
        }
        connection.reply(frame);
    }

    private void replyFailure(Envelope message, Handlers.HandlerEntry entry, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof CancellationException) {
            connection.reply(wire.error(message.id(), ErrorCodes.CANCELLED, message.method() + ": cancelled", null, null));
            return;
        }
        MethodDescriptor.DeclaredError<?> declared =
                entry.method() == null ? null : entry.method().declaredErrorFor(cause);
        int code;
        String type;
        if (declared != null) {
            code = ErrorCodes.DECLARED_ERROR;
            type = declared.type().getName();
            LOG.log(Level.DEBUG, () -> message.method() + " answered with its declared " + type);
        } else {
            code = ErrorCodes.APPLICATION_ERROR;
            type = cause.getClass().getName();
            LOG.log(Level.WARNING, "the handler of " + message.method() + " failed", cause);
        }
        String stackTrace = context.settings().sendStackTraces() ? stackTraceOf(cause) : null;
        connection.reply(wire.error(message.id(), code, String.valueOf(cause.getMessage()), type, stackTrace));
    }

    private void deliverNotification(Envelope message) {
        List<Handlers.ListenerEntry> listeners = context.handlers().listeners(message.method());
        if (listeners.isEmpty()) {
            LOG.log(Level.DEBUG, () -> "no listener for " + message + " from " + connection.describe());
            return;
        }
        IpcEvent event = connection.eventFor(message.method());
        for (Handlers.ListenerEntry listener : listeners) {
            Object[] args;
            try {
                args = listener.codec().readParams(message, wire.mapper());
            } catch (ProtocolViolation violation) {
                LOG.log(Level.WARNING, () -> "dropped " + message + " from " + connection.describe() + ": "
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
            }
        }
    }

    private void cancelWorking(Envelope message) {
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
