package io.typedipc.runtime.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.ErrorCodes;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.WireLimits;
import io.typedipc.runtime.transport.SocketTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What a renderer with the token can make main hold is bounded: requests in flight per connection (its own, its
 * routed ones, the ones forwarded to it) and the time main waits for a routed request. Over a bound, a defined error.
 */
class InFlightBoundsTest {
    private static final int BOUND = 100;

    private static IpcSettings bounded(Duration maxPeerDeadline) {
        return IpcSettings.builder()
                .wireLimits(WireLimits.builder().maxRequestsInFlight(BOUND).maxPeerDeadline(maxPeerDeadline).build())
                .build();
    }

    @Test
    void aDeadlineMillisOutsideItsRangeGetsInvalidParamsAndLeavesNothingBehind() throws Exception {
        ServedMain served = new ServedMain();
        try (RawClient raw = served.raw()) {
            String[] bad = {"9223372036854775807", "9223372036854775808", "2147483648", "0", "-1", "1.5", "\"5000\"",
                    "null", "[]"};
            for (int i = 0; i < bad.length; i++) {
                raw.send("{\"jsonrpc\":\"2.0\",\"id\":" + (i + 1) + ",\"method\":\"$/route\",\"params\":{\"to\":"
                        + "\"healthy\",\"method\":\"x:y\",\"params\":[],\"deadlineMillis\":" + bad[i] + "}}");
                JsonNode reply = raw.next();
                assertEquals(i + 1, reply.path("id").asInt(), reply.toString());
                assertEquals(ErrorCodes.INVALID_PARAMS, reply.path("error").path("code").asInt(), bad[i] + ": " + reply);
                assertTrue(reply.path("error").path("message").asString().contains("deadlineMillis"), reply.toString());
            }
            // The largest allowed value is taken (and clamped by main): the route reaches the healthy renderer.
            served.healthy.handle("x:y", (event, args) -> "reached");
            raw.send("{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"$/route\",\"params\":{\"to\":\"healthy\","
                    + "\"method\":\"x:y\",\"params\":[],\"deadlineMillis\":2147483647}}");
            assertEquals("reached", raw.next().path("result").asString());
            served.assertStillServing();
        }
        // Nothing leaked: no pending entry, no unit of in-flight work, so a graceful close finishes at once.
        served.healthy.close();
        served.server.close();
        assertTrue(served.main.closeGracefully(Duration.ofSeconds(20)), "main still had work in flight");
        served.close();
    }

    @Test
    void aPeerChosenDeadlineIsClampedToMaxPeerDeadline() throws Exception {
        try (ServedMain served = new ServedMain(bounded(Duration.ofMillis(300))); RawClient raw = served.raw()) {
            served.healthy.handle("x:never", (event, args) -> new CompletableFuture<>());
            long start = System.nanoTime();
            raw.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$/route\",\"params\":{\"to\":\"healthy\","
                    + "\"method\":\"x:never\",\"params\":[],\"deadlineMillis\":600000}}");
            JsonNode reply = raw.next(); // RawClient waits 60 s: only the clamp can answer in time
            assertEquals(ErrorCodes.TIMEOUT, reply.path("error").path("code").asInt(), reply.toString());
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(30).toNanos());
            served.assertStillServing();
        }
    }

    @Test
    void requestsToMainOverTheBoundAreRefusedWithTooManyRequestsAndTheOthersAreServed() throws Exception {
        try (ServedMain served = new ServedMain(bounded(WireLimits.DEFAULT_MAX_PEER_DEADLINE));
                RawClient raw = served.raw()) {
            List<CompletableFuture<Object>> held = new ArrayList<>();
            served.main.handle("x:hold", (event, args) -> {
                CompletableFuture<Object> future = new CompletableFuture<>();
                synchronized (held) {
                    held.add(future);
                }
                return future;
            });
            for (int i = 1; i <= BOUND + 50; i++) {
                raw.send("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"x:hold\",\"params\":[]}");
            }
            Map<Integer, Integer> codes = countCodes(raw, 50);
            assertEquals(Map.of(ErrorCodes.TOO_MANY_REQUESTS, 50), codes);
            served.assertStillServing(); // other connections have their own budget
            synchronized (held) {
                assertEquals(BOUND, held.size(), "the refused requests were never served");
                held.forEach(future -> future.complete("done"));
            }
            assertEquals(Map.of(0, BOUND), countCodes(raw, BOUND)); // code 0: a result
            // The budget is free again.
            raw.send("{\"jsonrpc\":\"2.0\",\"id\":\"again\",\"method\":\"rel:add\",\"params\":[1,2]}");
            assertEquals(3, raw.next().path("result").asInt());
        }
    }

    @Test
    void routedRequestsOverTheBoundAreRefusedWithTooManyRequests() throws Exception {
        try (ServedMain served = new ServedMain(bounded(WireLimits.DEFAULT_MAX_PEER_DEADLINE));
                RawClient raw = served.raw()) {
            served.healthy.handle("x:never", (event, args) -> new CompletableFuture<>());
            for (int i = 1; i <= BOUND + 50; i++) {
                raw.send(route(i, "healthy", "x:never"));
            }
            assertEquals(Map.of(ErrorCodes.TOO_MANY_REQUESTS, 50), countCodes(raw, 50));
            served.assertStillServing();
        }
    }

    @Test
    void requestsForwardedToOneRendererAreBoundedAcrossOrigins() throws Exception {
        try (ServedMain served = new ServedMain(bounded(WireLimits.DEFAULT_MAX_PEER_DEADLINE));
                IpcRenderer target = connect(served, "target");
                RawClient first = served.raw();
                RawClient second = served.raw()) {
            target.handle("x:never", (event, args) -> new CompletableFuture<>());
            for (int i = 1; i <= 60; i++) {
                first.send(route(i, "target", "x:never"));
            }
            for (int i = 1; i <= 60; i++) {
                second.send(route(i, "target", "x:never"));
            }
            // Each origin is within its own bound (60 < 100); the target is over it: 20 of the 120 are refused.
            int refused = 0;
            for (RawClient raw : List.of(first, second)) {
                JsonNode reply;
                while ((reply = raw.poll(2000)) != null) {
                    assertEquals(ErrorCodes.TOO_MANY_REQUESTS, reply.path("error").path("code").asInt(), reply.toString());
                    refused++;
                }
            }
            assertEquals(20, refused);
            served.assertStillServing();
        }
    }

    private static IpcRenderer connect(ServedMain served, String name) throws Exception {
        return SocketTransport.connect(served.server.address(), served.server.token(), name, IpcSettings.defaults());
    }

    private static String route(int id, String to, String method) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"$/route\",\"params\":{\"to\":\"" + to
                + "\",\"method\":\"" + method + "\",\"params\":[],\"deadlineMillis\":600000}}";
    }

    /** Reads {@code count} replies: how many had each error code (0 for a result). */
    private static Map<Integer, Integer> countCodes(RawClient raw, int count) throws Exception {
        Map<Integer, Integer> codes = new HashMap<>();
        for (int i = 0; i < count; i++) {
            JsonNode reply = raw.next();
            codes.merge(reply.has("result") ? 0 : reply.path("error").path("code").asInt(), 1, Integer::sum);
        }
        return codes;
    }
}
