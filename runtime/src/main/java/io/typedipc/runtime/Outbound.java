package io.typedipc.runtime;

import io.typedipc.runtime.codegen.MethodDescriptor;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link IpcPeer} operations over one connection, written once for both kinds of peer ({@link RendererHandle}
 * in main, {@link IpcRenderer} towards main): argument checks, codec choice and the deadline that applies.
 */
final class Outbound implements IpcPeer {
    private final IpcContext context;
    private final Connection connection;

    Outbound(IpcContext context, Connection connection) {
        this.context = context;
        this.connection = connection;
    }

    @Override
    public void send(String channel, Object... args) {
        IpcContext.checkChannel(channel);
        connection.notify(channel, context.wire().untyped(), argsOrEmpty(args));
    }

    @Override
    public Object sendSync(String channel, CallOptions options, Object... args) {
        IpcContext.checkChannel(channel);
        Objects.requireNonNull(options, "options");
        return connection.call(channel, context.wire().untyped(),
                options.effectiveDeadline(null, context.settings().defaultDeadline()), argsOrEmpty(args));
    }

    @Override
    public CompletableFuture<Object> invoke(String channel, CallOptions options, Object... args) {
        IpcContext.checkChannel(channel);
        Objects.requireNonNull(options, "options");
        return connection.invoke(channel, context.wire().untyped(),
                options.effectiveDeadline(null, context.settings().defaultDeadline()), argsOrEmpty(args));
    }

    @Override
    public void send(MethodDescriptor<?> method, Object... args) {
        requireKind(method, MethodDescriptor.Kind.ONE_WAY);
        connection.notify(method.channel(), context.wire().codec(method), argsOrEmpty(args));
    }

    @Override
    @SuppressWarnings("unchecked") // the method's codec decodes its result as R
    public <R> R call(MethodDescriptor<R> method, CallOptions options, Object... args) {
        requireKind(method, MethodDescriptor.Kind.BLOCKING);
        Objects.requireNonNull(options, "options");
        return (R) connection.call(method.channel(), context.wire().codec(method),
                options.effectiveDeadline(method, context.settings().defaultDeadline()), argsOrEmpty(args));
    }

    @Override
    public <R> CompletableFuture<R> invoke(MethodDescriptor<R> method, CallOptions options, Object... args) {
        requireKind(method, MethodDescriptor.Kind.ASYNC);
        Objects.requireNonNull(options, "options");
        return connection.invoke(method.channel(), context.wire().codec(method),
                options.effectiveDeadline(method, context.settings().defaultDeadline()), argsOrEmpty(args));
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
