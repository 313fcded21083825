package assets;

import io.typedipc.runtime.Binding;
import io.typedipc.runtime.IpcContext;
import io.typedipc.runtime.Registration;
import java.util.List;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * Serves an implementation of {@link Events}: decodes each incoming message, calls the implementation,
 * and sends the reply.
 */
@Generated("io.typedipc.processor.ChannelProcessor")
public final class EventsDispatcher {
    private EventsDispatcher() {
    }

    /**
     * Serves {@code service} on every channel of {@link Events} in {@code context}: all of them, or none
     * when one is taken already. Close the returned registration to stop serving.
     *
     * @throws IllegalStateException if a channel already has a handler in {@code context}
     */
    public static Registration register(IpcContext context, Events service) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(service, "service: the Events implementation to serve");
        return context.register(List.of(
                Binding.listener(EventsSender.CHANGED, (event, args) -> service.changed((String) args[0], (long) args[1])),
                Binding.listener(EventsSender.REMOVED, (event, args) -> service.removed((String) args[0]))));
    }
}
