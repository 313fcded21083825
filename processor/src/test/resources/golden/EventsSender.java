package assets;

import io.typedipc.runtime.OneWayPeer;
import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.codegen.TypeRecipe;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * Calls {@link Events} on another context: each method call becomes one message to the peer.
 * Every method is one-way, so any {@link OneWayPeer} fits, including a broadcast to all renderers.
 */
@Generated("io.typedipc.processor.ChannelProcessor")
public final class EventsSender implements Events {
    /**
     * Channel {@code asset-db.events:changed}: one-way message.
     */
    public static final MethodDescriptor<Void> CHANGED = MethodDescriptor.<Void>builder("asset-db.events:changed", MethodDescriptor.Kind.ONE_WAY)
            .parameter("url", TypeRecipe.of(String.class))
            .parameter("size", TypeRecipe.of(long.class))
            .build();

    /**
     * Channel {@code asset-db.events:removed}: one-way message.
     */
    public static final MethodDescriptor<Void> REMOVED = MethodDescriptor.<Void>builder("asset-db.events:removed", MethodDescriptor.Kind.ONE_WAY)
            .parameter("url", TypeRecipe.of(String.class))
            .build();

    private final OneWayPeer peer;

    /**
     * A sender whose messages go to {@code peer}.
     */
    public EventsSender(OneWayPeer peer) {
        this.peer = Objects.requireNonNull(peer, "peer");
    }

    @Override
    public void changed(String url, long size) {
        this.peer.send(CHANGED, new Object[] {url, size});
    }

    @Override
    public void removed(String url) {
        this.peer.send(REMOVED, new Object[] {url});
    }
}
