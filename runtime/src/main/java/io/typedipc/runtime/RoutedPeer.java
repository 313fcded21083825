package io.typedipc.runtime;

import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.internal.engine.Deadline;
import io.typedipc.runtime.internal.wire.MethodCodec;
import java.util.concurrent.CompletableFuture;

/**
 * Another renderer, as a renderer sees it: every message goes to main as {@code $/route} and main forwards it
 * (Cocos Creator's {@code sendToPanel}). Replies come back the same way; a target that is not connected fails the
 * request with {@link NoSuchRendererException}. Its calls go through the one {@link CallPipeline}; only the
 * route — wrapping each message in {@code $/route}, with the deadline for main — is its own.
 */
final class RoutedPeer implements IpcPeer {
    private final CallPipeline calls;
    /** A {@code Long} renderer id or a {@code String} renderer name. */
    private final Object target;

    RoutedPeer(IpcRenderer renderer, Connection connection, Object target) {
        this.target = target;
        this.calls = new CallPipeline(renderer, new ThroughMain(renderer, connection, target));
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
    public String toString() {
        return "renderer " + (target instanceof String name ? "'" + name + "'" : "#" + target) + " via main";
    }

    /** Each message wrapped in {@code $/route} to main, which forwards it; requests carry their deadline for main. */
    private record ThroughMain(IpcRenderer renderer, Connection connection, Object target) implements CallPipeline.Route {
        @Override
        public void send(String channel, MethodCodec codec, Object[] args) {
            connection.notify(channel, () -> renderer.routing().route(null, target, channel, codec, args, 0));
        }

        @Override
        public Object call(String channel, MethodCodec codec, Deadline deadline, Object[] args) {
            return connection.call(channel, codec, deadline,
                    id -> renderer.routing().route(id, target, channel, codec, args, deadline.millis()));
        }

        @Override
        public <R> CompletableFuture<R> invoke(String channel, MethodCodec codec, Deadline deadline, Object[] args) {
            return connection.invoke(channel, codec, deadline,
                    id -> renderer.routing().route(id, target, channel, codec, args, deadline.millis()));
        }
    }
}
