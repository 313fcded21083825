package io.typedipc.runtime.reliability;

import io.typedipc.runtime.Binding;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.codegen.TypeRecipe;
import io.typedipc.runtime.transport.StdioTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The child-process renderer of {@link LoadTest}: on {@code load:start} it sends one-way messages to main from
 * several threads, each numbered per sender; {@code load:hold} keeps every request unanswered until the expected
 * number is in flight, then answers them all.
 */
public final class LoadRendererMain {
    static final MethodDescriptor<Void> START = MethodDescriptor.<Void>builder("load:start", MethodDescriptor.Kind.ONE_WAY)
            .parameter("senders", TypeRecipe.of(int.class))
            .parameter("perSender", TypeRecipe.of(int.class))
            .build();
    static final MethodDescriptor<Void> SEQ = MethodDescriptor.<Void>builder("load:seq", MethodDescriptor.Kind.ONE_WAY)
            .parameter("sender", TypeRecipe.of(int.class))
            .parameter("seq", TypeRecipe.of(int.class))
            .build();
    static final MethodDescriptor<Void> DONE = MethodDescriptor.<Void>builder("load:done", MethodDescriptor.Kind.ONE_WAY)
            .parameter("sender", TypeRecipe.of(int.class))
            .parameter("count", TypeRecipe.of(int.class))
            .build();
    static final MethodDescriptor<Integer> HOLD = MethodDescriptor.<Integer>builder("load:hold", MethodDescriptor.Kind.ASYNC)
            .parameter("value", TypeRecipe.of(int.class))
            .parameter("target", TypeRecipe.of(int.class))
            .result(TypeRecipe.of(int.class))
            .build();

    private LoadRendererMain() {}

    public static void main(String[] args) throws Exception {
        IpcRenderer renderer = StdioTransport.connectRenderer("load", IpcSettings.defaults());
        List<CompletableFuture<Object>> held = new ArrayList<>();
        List<Integer> values = new ArrayList<>();
        renderer.register(List.of(
                Binding.listener(START, (event, a) -> {
                    int senders = (Integer) a[0];
                    int perSender = (Integer) a[1];
                    for (int s = 0; s < senders; s++) {
                        int sender = s;
                        Thread thread = new Thread(() -> {
                            for (int i = 0; i < perSender; i++) {
                                renderer.send(SEQ, sender, i);
                            }
                            renderer.send(DONE, sender, perSender);
                        }, "load-sender-" + s);
                        thread.start();
                    }
                }),
                Binding.handler(HOLD, (event, a) -> {
                    CompletableFuture<Object> reply = new CompletableFuture<>();
                    held.add(reply); // the dispatch thread: one at a time
                    values.add((Integer) a[0]);
                    if (held.size() == (Integer) a[1]) {
                        for (int i = 0; i < held.size(); i++) {
                            held.get(i).complete(values.get(i) * 2);
                        }
                        held.clear();
                        values.clear();
                    }
                    return reply;
                })));
        renderer.send("load:ready", Runtime.getRuntime().maxMemory());
        boolean disconnected = renderer.awaitDisconnect(30, TimeUnit.MINUTES);
        System.exit(disconnected ? 0 : 3);
    }
}
