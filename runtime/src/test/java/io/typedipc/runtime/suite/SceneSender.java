package io.typedipc.runtime.suite;

import io.typedipc.runtime.CallOptions;
import io.typedipc.runtime.IpcDeclaredException;
import io.typedipc.runtime.IpcPeer;
import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.codegen.TypeRecipe;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What the processor generates for {@link Scene}: one descriptor per method, immutable per-sender options. */
public final class SceneSender implements Scene {
    public static final MethodDescriptor<String> DESCRIBE = MethodDescriptor
            .<String>builder("scene:describe", MethodDescriptor.Kind.BLOCKING)
            .parameter("node", TypeRecipe.of(String.class)).result(TypeRecipe.of(String.class)).build();
    public static final MethodDescriptor<List<String>> QUERY_NODES = MethodDescriptor
            .<List<String>>builder("scene:query-nodes", MethodDescriptor.Kind.ASYNC)
            .parameter("glob", TypeRecipe.of(String.class))
            .result(t -> t.constructCollectionType(List.class, String.class)).build();
    public static final MethodDescriptor<Void> SELECT = MethodDescriptor
            .<Void>builder("scene:select", MethodDescriptor.Kind.ONE_WAY)
            .parameter("uuid", TypeRecipe.of(String.class)).build();
    public static final MethodDescriptor<String> RENAME = MethodDescriptor
            .<String>builder("scene:rename", MethodDescriptor.Kind.BLOCKING)
            .parameter("uuid", TypeRecipe.of(String.class)).parameter("name", TypeRecipe.of(String.class))
            .result(TypeRecipe.of(String.class))
            .declares(NameTakenException.class, NameTakenException::new).build();
    public static final MethodDescriptor<String> CREATE_NODE = MethodDescriptor
            .<String>builder("scene:create-node", MethodDescriptor.Kind.ASYNC)
            .parameter("name", TypeRecipe.of(String.class)).result(TypeRecipe.of(String.class))
            .declares(NameTakenException.class, NameTakenException::new).build();

    private final IpcPeer peer;
    private final CallOptions options;

    public SceneSender(IpcPeer peer) {
        this(peer, CallOptions.DEFAULT);
    }

    private SceneSender(IpcPeer peer, CallOptions options) {
        this.peer = peer;
        this.options = options;
    }

    public SceneSender withDeadline(Duration deadline) {
        return new SceneSender(peer, options.withDeadline(deadline));
    }

    @Override
    public String describe(String node) {
        return peer.call(DESCRIBE, options, new Object[] {node});
    }

    @Override
    public CompletableFuture<List<String>> queryNodes(String glob) {
        return peer.invoke(QUERY_NODES, options, new Object[] {glob});
    }

    @Override
    public void select(String uuid) {
        peer.send(SELECT, new Object[] {uuid});
    }

    @Override
    public String rename(String uuid, String name) throws NameTakenException {
        try {
            return peer.call(RENAME, options, new Object[] {uuid, name});
        } catch (IpcDeclaredException e) {
            if (e.getCause() instanceof NameTakenException declared) {
                throw declared;
            }
            throw e;
        }
    }

    @Override
    public CompletableFuture<String> createNode(String name) {
        return peer.invoke(CREATE_NODE, options, new Object[] {name});
    }
}
