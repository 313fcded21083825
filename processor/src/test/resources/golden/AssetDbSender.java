package assets;

import io.typedipc.runtime.CallOptions;
import io.typedipc.runtime.IpcDeclaredException;
import io.typedipc.runtime.IpcPeer;
import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.codegen.TypeRecipe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javax.annotation.processing.Generated;

/**
 * Calls {@link AssetDb} on another context: each method call becomes one message to the peer.
 * Blocking methods wait for the reply; asynchronous ones return at once. Thread-safe and immutable.
 */
@Generated("io.typedipc.processor.ChannelProcessor")
public final class AssetDbSender implements AssetDb {
    /**
     * Channel {@code asset-db:query-info}: blocking request.
     */
    public static final MethodDescriptor<AssetInfo> QUERY_INFO = MethodDescriptor.<AssetInfo>builder("asset-db:query-info", MethodDescriptor.Kind.BLOCKING)
            .parameter("uuid", TypeRecipe.of(String.class))
            .result(TypeRecipe.of(AssetInfo.class))
            .deadlineMillis(5000L)
            .build();

    /**
     * Channel {@code asset-db:query-assets}: asynchronous request.
     */
    public static final MethodDescriptor<Map<String, List<AssetInfo>>> QUERY_ASSETS = MethodDescriptor.<Map<String, List<AssetInfo>>>builder("asset-db:query-assets", MethodDescriptor.Kind.ASYNC)
            .parameter("glob", TypeRecipe.of(String.class))
            .result(t -> t.constructMapType(Map.class, t.constructType(String.class), t.constructCollectionType(List.class, t.constructType(AssetInfo.class))))
            .deadlineMillis(5000L)
            .build();

    /**
     * Channel {@code asset-db:refresh}: one-way message.
     */
    public static final MethodDescriptor<Void> REFRESH = MethodDescriptor.<Void>builder("asset-db:refresh", MethodDescriptor.Kind.ONE_WAY)
            .parameter("url", TypeRecipe.of(String.class))
            .build();

    /**
     * Channel {@code asset-db:create}: blocking request.
     */
    public static final MethodDescriptor<AssetInfo> CREATE = MethodDescriptor.<AssetInfo>builder("asset-db:create", MethodDescriptor.Kind.BLOCKING)
            .parameter("url", TypeRecipe.of(String.class))
            .parameter("data", TypeRecipe.of(byte[].class))
            .result(TypeRecipe.of(AssetInfo.class))
            .declares(AssetExistsException.class, AssetExistsException::new)
            .deadlineMillis(5000L)
            .build();

    /**
     * Channel {@code asset-db:count}: blocking request.
     */
    public static final MethodDescriptor<Integer> COUNT_ASSETS = MethodDescriptor.<Integer>builder("asset-db:count", MethodDescriptor.Kind.BLOCKING)
            .parameter("globs", TypeRecipe.of(String[].class))
            .result(TypeRecipe.of(int.class))
            .deadlineMillis(250L)
            .build();

    private final IpcPeer peer;

    private final CallOptions options;

    /**
     * A sender whose calls go to {@code peer}, with each channel's own deadline or the context's default.
     */
    public AssetDbSender(IpcPeer peer) {
        this(peer, CallOptions.DEFAULT);
    }

    private AssetDbSender(IpcPeer peer, CallOptions options) {
        this.peer = Objects.requireNonNull(peer, "peer");
        this.options = options;
    }

    /**
     * A sender like this one whose requests all get {@code deadline}, overriding the channels' and the context's.
     */
    public AssetDbSender withDeadline(Duration deadline) {
        return new AssetDbSender(this.peer, this.options.withDeadline(deadline));
    }

    @Override
    public AssetInfo queryInfo(String uuid) {
        return this.peer.call(QUERY_INFO, this.options, new Object[] {uuid});
    }

    @Override
    public CompletableFuture<Map<String, List<AssetInfo>>> queryAssets(String glob) {
        return this.peer.invoke(QUERY_ASSETS, this.options, new Object[] {glob});
    }

    @Override
    public void refresh(String url) {
        this.peer.send(REFRESH, new Object[] {url});
    }

    @Override
    public AssetInfo create(String url, byte[] data) throws AssetExistsException {
        try {
            return this.peer.call(CREATE, this.options, new Object[] {url, data});
        } catch (IpcDeclaredException declared) {
            Throwable cause = declared.getCause();
            if (cause instanceof AssetExistsException) {
                throw (AssetExistsException) cause;
            }
            throw declared;
        }
    }

    @Override
    public int countAssets(String[] globs) {
        return this.peer.call(COUNT_ASSETS, this.options, new Object[] {globs});
    }
}
