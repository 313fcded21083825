package io.typedipc.runtime;

import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.internal.engine.Deadlines;
import io.typedipc.runtime.internal.wire.MethodCodec;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Another renderer, as a renderer sees it: every message goes to main as {@code $/route} and main forwards it
 * (Cocos Creator's {@code sendToPanel}). Replies come back the same way; a target that is not connected fails the
 * request with {@link NoSuchRendererException}.
 */
final class RoutedPeer implements IpcPeer {
    private final IpcRenderer renderer;
    private final Connection connection;
    /** A {@code Long} renderer id or a {@code String} renderer name. */
    private final Object target;

    RoutedPeer(IpcRenderer renderer, Connection connection, Object target) {
        this.renderer = renderer;
        this.connection = connection;
        this.target = target;
    }

    @Override
    public void send(String channel, Object... args) {
        IpcContext.checkChannel(channel);
        notify(channel, renderer.wire().untyped(), Outbound.argsOrEmpty(args));
    }

    @Override
    public void send(MethodDescriptor<?> method, Object... args) {
        Outbound.requireKind(method, MethodDescriptor.Kind.ONE_WAY);
        notify(method.channel(), renderer.wire().codec(method), Outbound.argsOrEmpty(args));
    }

    @Override
    public Object sendSync(String channel, CallOptions options, Object... args) {
        IpcContext.checkChannel(channel);
        Objects.requireNonNull(options, "options");
        return call(channel, renderer.wire().untyped(),
                options.effectiveDeadline(null, renderer.settings().defaultDeadline()), Outbound.argsOrEmpty(args));
    }

    @Override
    public CompletableFuture<Object> invoke(String channel, CallOptions options, Object... args) {
        IpcContext.checkChannel(channel);
        Objects.requireNonNull(options, "options");
        return invoke(channel, renderer.wire().untyped(),
                options.effectiveDeadline(null, renderer.settings().defaultDeadline()), Outbound.argsOrEmpty(args));
    }

    @Override
    @SuppressWarnings("unchecked") // the method's codec decodes its result as R
    public <R> R call(MethodDescriptor<R> method, CallOptions options, Object... args) {
        Outbound.requireKind(method, MethodDescriptor.Kind.BLOCKING);
        Objects.requireNonNull(options, "options");
        return (R) call(method.channel(), renderer.wire().codec(method),
                options.effectiveDeadline(method, renderer.settings().defaultDeadline()), Outbound.argsOrEmpty(args));
    }

    @Override
    public <R> CompletableFuture<R> invoke(MethodDescriptor<R> method, CallOptions options, Object... args) {
        Outbound.requireKind(method, MethodDescriptor.Kind.ASYNC);
        Objects.requireNonNull(options, "options");
        return invoke(method.channel(), renderer.wire().codec(method),
                options.effectiveDeadline(method, renderer.settings().defaultDeadline()), Outbound.argsOrEmpty(args));
    }

    private void notify(String channel, MethodCodec codec, Object[] args) {
        connection.notify(channel, () -> renderer.routing().route(null, target, channel, codec, args, 0));
    }

    private Object call(String channel, MethodCodec codec, Duration deadline, Object[] args) {
        return connection.call(channel, codec, deadline,
                id -> renderer.routing().route(id, target, channel, codec, args, Deadlines.millis(deadline)));
    }

    private <R> CompletableFuture<R> invoke(String channel, MethodCodec codec, Duration deadline, Object[] args) {
        return connection.invoke(channel, codec, deadline,
                id -> renderer.routing().route(id, target, channel, codec, args, Deadlines.millis(deadline)));
    }

    @Override
    public String toString() {
        return "renderer " + (target instanceof String name ? "'" + name + "'" : "#" + target) + " via main";
    }
}
