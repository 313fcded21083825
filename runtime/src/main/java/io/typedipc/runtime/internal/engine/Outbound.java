package io.typedipc.runtime.internal.engine;

import io.typedipc.runtime.internal.wire.MethodCodec;
import java.util.concurrent.CompletableFuture;

/** The route of a peer at the other end of one connection (a renderer's handle in main, a renderer towards main). */
public final class Outbound implements CallRoute {
    private final Connection connection;

    public Outbound(Connection connection) {
        this.connection = connection;
    }

    @Override
    public void send(String channel, MethodCodec codec, Object[] args) {
        connection.notify(channel, codec, args); // to the connection's peer, which the call's watch names
    }

    @Override
    public Object call(String channel, MethodCodec codec, Deadline deadline, Object[] args) {
        return connection.call(channel, codec, deadline, args);
    }

    @Override
    public <R> CompletableFuture<R> invoke(String channel, MethodCodec codec, Deadline deadline, Object[] args) {
        return connection.invoke(channel, codec, deadline, args);
    }
}
