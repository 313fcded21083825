package assets;

import io.typedipc.runtime.Binding;
import io.typedipc.runtime.IpcContext;
import io.typedipc.runtime.Registration;
import java.util.List;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * Serves an implementation of {@link AssetDb}: decodes each incoming message, calls the implementation,
 * and sends the reply.
 */
@Generated("io.typedipc.processor.ChannelProcessor")
public final class AssetDbDispatcher {
    private AssetDbDispatcher() {
    }

    /**
     * Serves {@code service} on every channel of {@link AssetDb} in {@code context}: all of them, or none
     * when one is taken already. Close the returned registration to stop serving.
     *
     * @throws IllegalStateException if a channel already has a handler in {@code context}
     */
    public static Registration register(IpcContext context, AssetDb service) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(service, "service: the AssetDb implementation to serve");
        return context.register(List.of(
                Binding.handler(AssetDbSender.QUERY_INFO, (event, args) -> service.queryInfo((String) args[0])),
                Binding.handler(AssetDbSender.QUERY_ASSETS, (event, args) -> service.queryAssets((String) args[0])),
                Binding.listener(AssetDbSender.REFRESH, (event, args) -> service.refresh((String) args[0])),
                Binding.handler(AssetDbSender.CREATE, (event, args) -> service.create((String) args[0], (byte[]) args[1])),
                Binding.handler(AssetDbSender.COUNT_ASSETS, (event, args) -> service.countAssets((String[]) args[0]))));
    }
}
