package io.typedipc.runtime.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.typedipc.runtime.ErrorCodes;
import io.typedipc.runtime.IpcException;
import io.typedipc.runtime.IpcPeer;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.WireLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Main's bound on the requests one renderer may have in flight, over every transport. */
class InFlightBoundSuiteTest {
    private static final String FIXTURES = "io.typedipc.runtime.suite.TransportFixtures#all";
    private static final int BOUND = 50;
    private static final IpcSettings BOUNDED = IpcSettings.builder()
            .wireLimits(WireLimits.builder().maxRequestsInFlight(BOUND).build()).build();

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void aRendererOverItsBoundGetsTooManyRequestsAndTheRestAreAnswered(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture, BOUNDED)) {
            List<CompletableFuture<Object>> held = new ArrayList<>();
            rig.main.handle("bound:hold", (event, args) -> hold(held));
            IpcRenderer panel = rig.connect("panel");
            assertBound(panel, "bound:hold", held);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void routedRequestsOverTheBoundGetTooManyRequests(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture, BOUNDED)) {
            List<CompletableFuture<Object>> held = new ArrayList<>();
            IpcRenderer target = rig.connect("target");
            target.handle("bound:hold", (event, args) -> hold(held));
            IpcRenderer origin = rig.connect("origin");
            assertBound(origin.peer("target"), "bound:hold", held);
        }
    }

    private static void awaitHeld(List<CompletableFuture<Object>> held, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Rig.WAIT.toNanos();
        while (true) {
            synchronized (held) {
                if (held.size() >= count) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + count + " requests reached the handler");
            }
            Thread.sleep(5);
        }
    }

    private static CompletableFuture<Object> hold(List<CompletableFuture<Object>> held) {
        CompletableFuture<Object> future = new CompletableFuture<>();
        synchronized (held) {
            held.add(future);
        }
        return future;
    }

    /** BOUND + 10 requests: the last 10 fail at once with -32005, the first BOUND are answered once released. */
    private static void assertBound(IpcPeer peer, String channel, List<CompletableFuture<Object>> held)
            throws Exception {
        List<CompletableFuture<Object>> calls = new ArrayList<>();
        for (int i = 0; i < BOUND + 10; i++) {
            calls.add(peer.invoke(channel, i));
        }
        for (int n = BOUND; n < BOUND + 10; n++) {
            int i = n;
            ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> calls.get(i).get(Rig.WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS));
            IpcException ipc = assertInstanceOf(IpcException.class, failure.getCause());
            assertEquals(ErrorCodes.TOO_MANY_REQUESTS, ipc.code(), ipc.getMessage());
        }
        awaitHeld(held, BOUND);
        synchronized (held) {
            assertEquals(BOUND, held.size(), "the refused requests were never served");
            held.forEach(future -> future.complete("done"));
        }
        for (int i = 0; i < BOUND; i++) {
            assertEquals("done", Rig.get(calls.get(i)));
        }
        CompletableFuture<Object> again = peer.invoke(channel, "again"); // the budget is free again
        awaitHeld(held, BOUND + 1);
        synchronized (held) {
            held.get(BOUND).complete("served");
        }
        assertEquals("served", Rig.get(again));
    }
}
