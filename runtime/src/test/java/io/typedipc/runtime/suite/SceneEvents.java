package io.typedipc.runtime.suite;

import io.typedipc.runtime.Binding;
import io.typedipc.runtime.IpcContext;
import io.typedipc.runtime.OneWayPeer;
import io.typedipc.runtime.Registration;
import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.codegen.TypeRecipe;
import java.util.List;

/**
 * An all-one-way channel interface ({@code @Channel("scene-events")}); its generated sender takes a
 * {@link OneWayPeer}, so it can broadcast. Sender and dispatcher are nested here, written as the processor writes them.
 */
public interface SceneEvents {

    void saved(String url);

    final class Sender implements SceneEvents {
        public static final MethodDescriptor<Void> SAVED = MethodDescriptor
                .<Void>builder("scene-events:saved", MethodDescriptor.Kind.ONE_WAY)
                .parameter("url", TypeRecipe.of(String.class)).build();

        private final OneWayPeer peer;

        public Sender(OneWayPeer peer) {
            this.peer = peer;
        }

        @Override
        public void saved(String url) {
            peer.send(SAVED, new Object[] {url});
        }
    }

    final class Dispatcher {
        private Dispatcher() {}

        public static Registration register(IpcContext context, SceneEvents service) {
            return context.register(List.of(Binding.listener(Sender.SAVED, (event, args) -> service.saved((String) args[0]))));
        }
    }
}
