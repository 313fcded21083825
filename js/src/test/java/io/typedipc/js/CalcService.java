package io.typedipc.js;

import io.typedipc.runtime.IpcEvent;
import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcPeer;
import io.typedipc.runtime.PingResult;
import io.typedipc.runtime.RendererHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Main's implementation of {@link Calc}. */
final class CalcService implements Calc {
    private final IpcMain main;
    private static final Duration PING_DEADLINE = Duration.ofSeconds(60);

    private final List<String> recorded = new ArrayList<>();
    private final AtomicInteger cancellations = new AtomicInteger();

    CalcService(IpcMain main) {
        this.main = main;
    }

    @Override
    public int add(int a, int b) {
        return a + b;
    }

    @Override
    public CompletableFuture<String> echoLater(String text, long delayMillis) {
        return CompletableFuture.supplyAsync(() -> text,
                CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS));
    }

    @Override
    public synchronized void record(String line) {
        recorded.add(IpcEvent.current().senderName() + ": " + line);
    }

    @Override
    public synchronized List<String> recorded() {
        return List.copyOf(recorded);
    }

    @Override
    public Point mirror(Point point) {
        return new Point(-point.x(), -point.y(), point.label() + " mirrored");
    }

    @Override
    public String reject(String why) throws RejectedException {
        throw new RejectedException(why);
    }

    @Override
    public String crash(String why) {
        throw new IllegalStateException(why);
    }

    @Override
    public CompletableFuture<String> hang() {
        CompletableFuture<String> never = new CompletableFuture<>();
        never.whenComplete((value, error) -> {
            if (never.isCancelled()) {
                cancellations.incrementAndGet();
            }
        });
        return never;
    }

    @Override
    public int cancellations() {
        return cancellations.get();
    }

    @Override
    public CompletableFuture<String> askSender(String who) {
        return new JsPanelSender(IpcEvent.current().sender()).greet(who);
    }

    @Override
    public CompletableFuture<String> askSenderToRefuse(String why) {
        CompletableFuture<String> refused;
        try {
            refused = new JsPanelSender(IpcEvent.current().sender()).refuse(why);
        } catch (RejectedException e) {
            return CompletableFuture.completedFuture(describe(e));
        }
        return refused.handle((value, error) -> error == null ? "no error: " + value
                : describe(error instanceof CompletionException ? error.getCause() : error));
    }

    private static String describe(Throwable error) {
        return error.getClass().getName() + ": " + error.getMessage();
    }

    @Override
    public void broadcastTick(String text) {
        new EventsSender(main.broadcast()).tick(text);
    }

    @Override
    public String whoAmI() {
        IpcEvent event = IpcEvent.current();
        return event.senderName() + "#" + event.senderId();
    }

    @Override
    public String windowOfSender() {
        return IpcEvent.current().senderHandle().flatMap(RendererHandle::window).orElse("(none)");
    }

    @Override
    public void tickWindow(String window, String text) {
        new EventsSender(main.window(window)).tick(text);
    }

    @Override
    public CompletableFuture<String> pingSender() {
        return IpcEvent.current().sender().ping(PING_DEADLINE).thenApply(CalcService::describe);
    }

    @Override
    public CompletableFuture<List<String>> greetThenPingSender(String who) {
        IpcPeer sender = IpcEvent.current().sender();
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<String> greeted = new JsPanelSender(sender).greet(who)
                .whenComplete((greeting, error) -> order.add("greet: " + (error == null ? greeting : error)));
        CompletableFuture<PingResult> pinged = sender.ping(PING_DEADLINE)
                .whenComplete((result, error) -> order.add("ping: " + (error == null ? describe(result) : error)));
        return CompletableFuture.allOf(greeted, pinged).thenApply(done -> List.copyOf(order));
    }

    private static String describe(PingResult result) {
        return result.supported() ? "supported" : "not supported";
    }
}
