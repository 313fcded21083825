package io.typedipc.browser;

import io.typedipc.runtime.IpcEvent;
import io.typedipc.runtime.IpcMain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Main's side of the browser test. */
final class BrowserMainService implements BrowserMain {
    private final IpcMain main;
    private final List<String> notes = new ArrayList<>();
    private final AtomicInteger cancellations = new AtomicInteger();

    BrowserMainService(IpcMain main) {
        this.main = main;
    }

    @Override
    public int add(int a, int b) {
        return a + b;
    }

    @Override
    public CompletableFuture<String> echoLater(String text, long delayMillis) {
        return CompletableFuture.supplyAsync(() -> text, CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS));
    }

    @Override
    public synchronized void note(String line) {
        notes.add(line);
    }

    @Override
    public synchronized List<String> notes() {
        return List.copyOf(notes);
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
    public CompletableFuture<String> askPage(String who) {
        return new PageChannelsSender(IpcEvent.current().sender()).greet(who);
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
}
