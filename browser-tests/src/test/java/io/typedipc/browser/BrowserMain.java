package io.typedipc.browser;

import io.typedipc.Channel;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Main's channels that the page calls: one of every shape. */
@Channel("browser")
public interface BrowserMain {
    int add(int a, int b);

    CompletableFuture<String> echoLater(String text, long delayMillis);

    /** One-way: the page records each step's outcome here. */
    void note(String line);

    List<String> notes();

    Point mirror(Point point);

    String reject(String why) throws RejectedException;

    /** Never completes; counts the cancellations it sees. */
    CompletableFuture<String> hang();

    int cancellations();

    /** Main calls {@code page:greet} on the page that asked, and returns the answer. */
    CompletableFuture<String> askPage(String who);

    /** Main broadcasts {@code events:tick} to every renderer. */
    void broadcastTick(String text);

    String whoAmI();
}
