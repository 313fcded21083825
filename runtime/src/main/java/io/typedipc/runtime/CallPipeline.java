package io.typedipc.runtime;

import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.internal.engine.CallRoute;
import io.typedipc.runtime.internal.engine.Deadline;
import io.typedipc.runtime.internal.wire.MethodCodec;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The one call pipeline every {@link IpcPeer} delegates to: it checks the arguments (channel id, method kind,
 * options), picks the codec (the method's own, or the untyped one), computes the deadline once — the sender's,
 * else the channel's, else the context's default, as an absolute time — and hands the call to its {@link CallRoute},
 * which is all that differs between peers (straight over a connection, or through main to another renderer).
 */
final class CallPipeline {

    private final IpcContext context;
    private final CallRoute route;

    CallPipeline(IpcContext context, CallRoute route) {
        this.context = context;
        this.route = route;
    }

    void send(String channel, Object[] args) {
        IpcContext.checkChannel(channel);
        route.send(channel, context.wire().untyped(), argsOrEmpty(args));
    }

    Object sendSync(String channel, CallOptions options, Object[] args) {
        IpcContext.checkChannel(channel);
        return route.call(channel, context.wire().untyped(), deadline(null, options), argsOrEmpty(args));
    }

    CompletableFuture<Object> invoke(String channel, CallOptions options, Object[] args) {
        IpcContext.checkChannel(channel);
        return route.invoke(channel, context.wire().untyped(), deadline(null, options), argsOrEmpty(args));
    }

    void send(MethodDescriptor<?> method, Object[] args) {
        requireKind(method, MethodDescriptor.Kind.ONE_WAY);
        route.send(method.channel(), context.wire().codec(method), argsOrEmpty(args));
    }

    @SuppressWarnings("unchecked") // the method's codec decodes its result as R
    <R> R call(MethodDescriptor<R> method, CallOptions options, Object[] args) {
        requireKind(method, MethodDescriptor.Kind.BLOCKING);
        return (R) route.call(method.channel(), context.wire().codec(method), deadline(method, options), argsOrEmpty(args));
    }

    <R> CompletableFuture<R> invoke(MethodDescriptor<R> method, CallOptions options, Object[] args) {
        requireKind(method, MethodDescriptor.Kind.ASYNC);
        return route.invoke(method.channel(), context.wire().codec(method), deadline(method, options), argsOrEmpty(args));
    }

    /** The one place a request's deadline is computed: from now, once, before anything is encoded or sent. */
    private Deadline deadline(MethodDescriptor<?> method, CallOptions options) {
        Objects.requireNonNull(options, "options");
        return Deadline.after(options.effectiveDeadline(method, context.settings().defaultDeadline()));
    }

    static void requireKind(MethodDescriptor<?> method, MethodDescriptor.Kind kind) {
        Objects.requireNonNull(method, "method");
        if (method.kind() != kind) {
            throw new IllegalArgumentException(method.channel() + " is a " + method.kind() + " method, not " + kind);
        }
    }

    static Object[] argsOrEmpty(Object[] args) {
        return args == null ? new Object[] {null} : args;
    }
}
