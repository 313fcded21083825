package io.typedipc.runtime.internal.engine;

import io.typedipc.runtime.internal.wire.MethodCodec;
import java.util.concurrent.CompletableFuture;

/**
 * Where a peer's messages go once the call pipeline has checked them, with their codec and their deadline: straight
 * over a connection, wrapped in {@code $/route} for main, or to main itself. All that differs between peers.
 */
public interface CallRoute {
    void send(String channel, MethodCodec codec, Object[] args);

    Object call(String channel, MethodCodec codec, Deadline deadline, Object[] args);

    <R> CompletableFuture<R> invoke(String channel, MethodCodec codec, Deadline deadline, Object[] args);
}
