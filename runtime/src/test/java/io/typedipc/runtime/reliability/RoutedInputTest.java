package io.typedipc.runtime.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.ErrorCodes;
import io.typedipc.runtime.IpcError;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.WireLimits;
import io.typedipc.runtime.transport.RawPeer;
import io.typedipc.runtime.transport.StreamLink;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What a renderer does with a {@code $/routed} whose {@code deadlineMillis} is malformed, sent byte by byte by a raw
 * main over a real byte stream (crossed pipes, the stdio framing): {@code -32602} naming the member, with the
 * request's id; the handler does not run; a one-way message is dropped; the renderer goes on serving. And what main
 * answers a renderer that sends it {@code $/routed}: a method main does not have.
 */
class RoutedInputTest {
    private static final String[] MALFORMED = {"\"5000\"", "-1", "0", "1.5", "1e3", "2147483648",
        "9223372036854775808", "null", "true", "[]", "{}"};

    @Test
    void aMalformedDeadlineInRoutedIsInvalidParamsAndTheRendererGoesOnServing() throws Exception {
        Pipe toRenderer = Pipe.open();
        Pipe fromRenderer = Pipe.open();
        StreamLink link = new StreamLink(Channels.newInputStream(toRenderer.source()),
                Channels.newOutputStream(fromRenderer.sink()), null, "pipes to a raw main", WireLimits.defaults());
        AtomicInteger served = new AtomicInteger();
        AtomicInteger heard = new AtomicInteger();
        List<Object> deadlines = new CopyOnWriteArrayList<>();
        List<IpcError> errors = new CopyOnWriteArrayList<>();
        IpcRenderer panel = IpcRenderer.connect(link, "panel", IpcSettings.defaults(), renderer -> {
            renderer.onError(errors::add);
            renderer.handle("panel:show", (event, args) -> {
                served.incrementAndGet();
                deadlines.add(event.deadline().isPresent() ? "deadline" : "none");
                return "shown " + args[0] + " for " + event.senderName();
            });
            renderer.on("panel:tick", (event, args) -> heard.incrementAndGet());
        });
        try (RawPeer main = new RawPeer(Channels.newInputStream(fromRenderer.source()),
                Channels.newOutputStream(toRenderer.sink()), Channels.newOutputStream(toRenderer.sink()), 30)) {
            int id = 100;
            for (String value : MALFORMED) {
                id++;
                main.send(routed(id, "panel:show", value));
                JsonNode reply = main.next();
                assertEquals(id, reply.path("id").asInt(), value + ": " + reply);
                assertEquals(ErrorCodes.INVALID_PARAMS, reply.path("error").path("code").asInt(), value + ": " + reply);
                assertTrue(reply.path("error").path("message").asString().contains("deadlineMillis"), value + ": " + reply);
                main.send(routedNotification("panel:tick", value));
            }
            assertEquals(0, served.get(), "no handler ran for a malformed $/routed");

            main.send(routed(1, "panel:show", "5000"));
            JsonNode answered = main.next();
            assertEquals("shown u for assets", answered.path("result").asString(), answered.toString());
            main.send(routed(2, "panel:show", null));
            assertEquals("shown u for assets", main.next().path("result").asString());
            assertEquals(List.of("deadline", "none"), deadlines);
            assertEquals(0, heard.get(), "a one-way $/routed with a malformed deadline is dropped, not half-delivered");
            long violations = errors.stream().filter(e -> e.kind() == IpcError.Kind.PROTOCOL_VIOLATION).count();
            assertEquals(2L * MALFORMED.length, violations, errors.toString());
        } finally {
            panel.close();
        }
    }

    /**
     * {@code $/routed} is main's message to a renderer; main itself has no such method. A renderer that sends it to
     * main over a real socket (after the handshake) gets {@code -32601} for a request, with its id, and nothing for a
     * one-way one; main neither forwards it nor runs the inner method, and goes on serving that renderer.
     */
    @Test
    void aRoutedSentToMainIsAMethodMainDoesNotHave() throws Exception {
        try (ServedMain served = new ServedMain()) {
            AtomicInteger ranAtMain = new AtomicInteger();
            AtomicInteger ranAtRenderer = new AtomicInteger();
            served.main.handle("panel:show", (event, args) -> ranAtMain.incrementAndGet());
            served.main.on("panel:tick", (event, args) -> ranAtMain.incrementAndGet());
            served.healthy.handle("panel:show", (event, args) -> ranAtRenderer.incrementAndGet());
            served.healthy.on("panel:tick", (event, args) -> ranAtRenderer.incrementAndGet());
            try (RawClient raw = served.raw()) {
                String malformed = "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"$/routed\",\"params\":{\"method\":42}}";
                for (String request : List.of(routed(7, "panel:show", "5000"), routed(8, "panel:show", null), malformed)) {
                    raw.send(request);
                    JsonNode reply = raw.next();
                    int id = reply.path("id").asInt();
                    assertTrue(id >= 7 && id <= 9 && request.contains("\"id\":" + id + ","), request + ": " + reply);
                    assertEquals(ErrorCodes.METHOD_NOT_FOUND, reply.path("error").path("code").asInt(), reply.toString());
                    assertTrue(reply.path("error").path("message").asString().contains("$/routed"), reply.toString());
                }
                raw.send(routedNotification("panel:tick", "5000"));
                // Nothing answers the one-way one: the next frame is the reply to the request sent after it.
                raw.send("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"rel:add\",\"params\":[2,3]}");
                JsonNode added = raw.next();
                assertEquals(10, added.path("id").asInt(), added.toString());
                assertEquals(5, added.path("result").asInt(), added.toString());
            }
            served.assertStillServing();
            assertEquals(0, ranAtMain.get(), "main ran the inner method of a $/routed");
            assertEquals(0, ranAtRenderer.get(), "main forwarded a $/routed");
        }
    }

    private static String routed(int id, String method, String deadline) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"$/routed\",\"params\":{"
                + "\"from\":{\"id\":2,\"name\":\"assets\"},\"method\":\"" + method + "\",\"params\":[\"u\"]"
                + (deadline == null ? "" : ",\"deadlineMillis\":" + deadline) + "}}";
    }

    private static String routedNotification(String method, String deadline) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"$/routed\",\"params\":{\"from\":{\"id\":2,\"name\":\"assets\"},"
                + "\"method\":\"" + method + "\",\"params\":[1],\"deadlineMillis\":" + deadline + "}}";
    }
}
