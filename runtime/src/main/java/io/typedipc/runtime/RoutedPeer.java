package io.typedipc.runtime;

import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.internal.engine.CallRoute;
import io.typedipc.runtime.internal.engine.Connection;
import io.typedipc.runtime.internal.engine.Deadline;
import io.typedipc.runtime.internal.wire.MethodCodec;
import io.typedipc.runtime.internal.wire.WireFormat;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Another renderer, as a renderer sees it: every message goes to main as {@code $/route} and main forwards it
 * (Cocos Creator's {@code sendToPanel}). Replies come back the same way; a target that is not connected fails the
 * request with {@link NoSuchRendererException}. Its calls go through the one {@link CallPipeline}; only the
 * route — wrapping each message in {@code $/route}, with the deadline for main — is its own.
 */
final class RoutedPeer implements IpcPeer {
    private final ThroughMain calls;
    private final CallPipeline pipeline;
    /** A {@code Long} renderer id or a {@code String} renderer name. */
    private final Object target;

    RoutedPeer(IpcRenderer renderer, Connection connection, Object target) {
        this.target = target;
        this.calls = new ThroughMain(renderer, connection, target);
        this.pipeline = new CallPipeline(renderer, calls);
    }

    @Override
    public void send(String channel, Object... args) {
        pipeline.send(channel, args);
    }

    @Override
    public Object sendSync(String channel, CallOptions options, Object... args) {
        return pipeline.sendSync(channel, options, args);
    }

    @Override
    public CompletableFuture<Object> invoke(String channel, CallOptions options, Object... args) {
        return pipeline.invoke(channel, options, args);
    }

    @Override
    public void send(MethodDescriptor<?> method, Object... args) {
        pipeline.send(method, args);
    }

    @Override
    public <R> R call(MethodDescriptor<R> method, CallOptions options, Object... args) {
        return pipeline.call(method, options, args);
    }

    @Override
    public <R> CompletableFuture<R> invoke(MethodDescriptor<R> method, CallOptions options, Object... args) {
        return pipeline.invoke(method, options, args);
    }

    @Override
    public CompletableFuture<PingResult> ping(Duration deadline) {
        return calls.ping(deadline);
    }

    @Override
    public String toString() {
        return describe(target);
    }

    static String describe(Object target) {
        return "renderer " + (target instanceof String name ? "'" + name + "'" : "#" + target) + " via main";
    }

    /** Each message wrapped in {@code $/route} to main, which forwards it; requests carry their deadline for main. */
    private record ThroughMain(IpcRenderer renderer, Connection connection, Object target) implements CallRoute {
        /** {@code $/ping} routed to the target: main forwards it, the target's runtime answers. */
        CompletableFuture<PingResult> ping(Duration deadline) {
            Pings.checkDeadline(deadline);
            long millis = Deadline.after(deadline).millis();
            return Pings.ping(connection, deadline, id -> renderer.routing().route(id, target, WireFormat.PING_METHOD,
                    renderer.wire().untyped(), new Object[0], millis));
        }

        @Override
        public void send(String channel, MethodCodec codec, Object[] args) {
            connection.notify(channel, args, describe(target),
                    () -> renderer.routing().route(null, target, channel, codec, args, 0));
        }

        @Override
        public Object call(String channel, MethodCodec codec, Deadline deadline, Object[] args) {
            return connection.call(channel, codec, deadline, args, describe(target),
                    id -> renderer.routing().route(id, target, channel, codec, args, deadline.millis()));
        }

        @Override
        public <R> CompletableFuture<R> invoke(String channel, MethodCodec codec, Deadline deadline, Object[] args) {
            return connection.invoke(channel, codec, deadline, args, describe(target),
                    id -> renderer.routing().route(id, target, channel, codec, args, deadline.millis()));
        }
    }
}
