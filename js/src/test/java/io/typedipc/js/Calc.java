package io.typedipc.js;

import io.typedipc.Channel;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Main's channels that the JavaScript client's tests call: one of every shape. */
@Channel("calc")
public interface Calc {
    /** Blocking request with primitives. */
    int add(int a, int b);

    /** Asynchronous request, answered after {@code delayMillis}. */
    CompletableFuture<String> echoLater(String text, long delayMillis);

    /** One-way message; {@link #recorded()} returns what arrived, in order. */
    void record(String line);

    List<String> recorded();

    /** A record both ways. */
    Point mirror(Point point);

    /** Throws the declared {@link RejectedException} with {@code why} as its message. */
    String reject(String why) throws RejectedException;

    /** Throws an undeclared {@code IllegalStateException}. */
    String crash(String why);

    /** Never completes; counts the cancellations it sees in {@link #cancellations()}. */
    CompletableFuture<String> hang();

    int cancellations();

    /** Main calls {@code js-panel:greet} on the renderer that sent this, and returns its answer. */
    CompletableFuture<String> askSender(String who);

    /** Main calls {@code js-panel:refuse} on the sender and returns what the Java caller caught, as "Type: message". */
    CompletableFuture<String> askSenderToRefuse(String why);

    /** Main broadcasts {@code events:tick} with {@code text} to every renderer. */
    void broadcastTick(String text);

    /** The sender as main sees it: "name#id". */
    String whoAmI();

    /** The window the sender named in its handshake, or "(none)". */
    String windowOfSender();

    /** Main sends {@code events:tick} with {@code text} to the panels of {@code window} only (a window message). */
    void tickWindow(String window, String text);

    /** Main pings the sender ({@code $/ping}) and says what it found: "supported" or "not supported". */
    CompletableFuture<String> pingSender();

    /**
     * Main sends {@code js-panel:greet} to the sender and at once a {@code $/ping}, and returns the replies in the
     * order they arrived: "greet: ...", "ping: supported".
     */
    CompletableFuture<List<String>> greetThenPingSender(String who);
}
