package io.typedipc.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.CallOptions;
import io.typedipc.runtime.ErrorCodes;
import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.RendererHandle;
import io.typedipc.runtime.WireLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The optional {@code deadlineMillis} member of a request (docs/protocol.md, "Deadlines"), byte for byte against a
 * raw peer: what main reads from it, what main refuses, and what main sends.
 */
class DeadlineMemberTest {
    private IpcMain main;
    private RawPeer peer;
    private final LinkedBlockingQueue<Optional<Instant>> deadlines = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        main = IpcMain.create();
        main.handle("when", (event, args) -> {
            deadlines.add(event.deadline());
            return "ok";
        });
        main.on("note", (event, args) -> deadlines.add(event.deadline()));
        PipePair pipes = PipePair.open();
        main.attach(pipes.leftLink("deadline", WireLimits.defaults()), "raw-peer");
        peer = new RawPeer(pipes.rightIn, pipes.rightOut);
    }

    @AfterEach
    void stop() throws Exception {
        peer.close();
        main.close();
    }

    @Test
    void aRequestsDeadlineIsCountedFromItsArrivalAndShownToTheHandler() throws Exception {
        Instant before = Instant.now();
        peer.send("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"when\", \"deadlineMillis\": 40000, \"params\": []}");
        assertEquals(RawPeer.tree("{\"jsonrpc\": \"2.0\", \"id\": 1, \"result\": \"ok\"}"), peer.next());
        Instant after = Instant.now();
        Instant deadline = poll().orElseThrow(() -> new AssertionError("no deadline"));
        assertTrue(!deadline.isBefore(before.plusMillis(39_000)) && !deadline.isAfter(after.plusMillis(40_000)),
                before + " .. " + deadline + " .. " + after);

        peer.send("{\"jsonrpc\": \"2.0\", \"id\": 2, \"method\": \"when\", \"params\": []}");
        assertEquals(RawPeer.tree("{\"jsonrpc\": \"2.0\", \"id\": 2, \"result\": \"ok\"}"), peer.next());
        assertTrue(poll().isEmpty(), "a peer that sends no deadline (any other JSON-RPC library) gives none");

        // The largest value there is.
        peer.send("{\"jsonrpc\": \"2.0\", \"id\": 3, \"method\": \"when\", \"deadlineMillis\": 2147483647}");
        assertEquals(RawPeer.tree("{\"jsonrpc\": \"2.0\", \"id\": 3, \"result\": \"ok\"}"), peer.next());
        assertTrue(poll().isPresent());
    }

    @Test
    void aMalformedDeadlineIsAnInvalidRequestAnsweredWithItsId() throws Exception {
        List<String> bad = List.of("0", "-5", "1.5", "2147483648", "1e400", "99999999999999999999", "\"100\"", "null",
                "true", "[100]", "{\"ms\": 100}");
        long id = 10;
        for (String value : bad) {
            peer.send("{\"jsonrpc\": \"2.0\", \"id\": " + id + ", \"method\": \"when\", \"deadlineMillis\": " + value
                    + ", \"params\": []}");
            JsonNode reply = peer.next();
            assertEquals(id, reply.get("id").asLong(), value + ": " + reply);
            assertEquals(ErrorCodes.INVALID_REQUEST, reply.get("error").get("code").asInt(), value + ": " + reply);
            assertTrue(reply.get("error").get("message").asString().contains("\"deadlineMillis\" must be an integer"
                    + " from 1 to 2147483647"), value + ": " + reply);
            id++;
        }
        assertTrue(deadlines.isEmpty(), "the handler never ran: " + deadlines);
        // and the connection goes on
        peer.send("{\"jsonrpc\": \"2.0\", \"id\": 99, \"method\": \"when\", \"deadlineMillis\": 5000}");
        assertEquals(RawPeer.tree("{\"jsonrpc\": \"2.0\", \"id\": 99, \"result\": \"ok\"}"), peer.next());
        assertTrue(poll().isPresent());
    }

    @Test
    void aNotificationHasNoDeadlineWhateverItCarries() throws Exception {
        peer.send("{\"jsonrpc\": \"2.0\", \"method\": \"note\", \"deadlineMillis\": 5000, \"params\": []}");
        peer.send("{\"jsonrpc\": \"2.0\", \"method\": \"note\", \"deadlineMillis\": \"soon\", \"params\": []}");
        assertTrue(poll().isEmpty());
        assertTrue(poll().isEmpty(), "ignored on a notification, not refused");
        peer.send("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"when\"}");
        assertEquals(RawPeer.tree("{\"jsonrpc\": \"2.0\", \"id\": 1, \"result\": \"ok\"}"), peer.next(),
                "nothing was sent back for the notifications");
        poll();
    }

    @Test
    void mainSendsWhatIsLeftOfItsDeadlineOnEveryRequest() throws Exception {
        RendererHandle handle = main.renderer("raw-peer").orElseThrow();
        CompletableFuture<Object> answer = handle.invoke("peer:work", CallOptions.DEFAULT.withDeadline(Duration.ofSeconds(20)));
        JsonNode request = peer.next();
        assertEquals("peer:work", request.get("method").asString());
        long millis = request.get("deadlineMillis").asLong();
        assertTrue(millis > 19_000 && millis <= 20_000, "what is left of 20 s: " + request);
        peer.send("{\"jsonrpc\": \"2.0\", \"id\": " + request.get("id").asLong() + ", \"result\": 7}");
        assertEquals(7, ((Number) answer.get(RawPeer.WAIT_SECONDS, TimeUnit.SECONDS)).intValue());

        new Thread(() -> handle.sendSync("peer:block"), "caller").start(); // the default deadline, 30 s
        JsonNode blocking = peer.next();
        long left = blocking.get("deadlineMillis").asLong();
        assertTrue(left > 25_000 && left <= 30_000, "what is left of the default 30 s: " + blocking);
        peer.send("{\"jsonrpc\": \"2.0\", \"id\": " + blocking.get("id").asLong() + ", \"result\": null}");

        handle.send("peer:note");
        assertFalse(peer.next().has("deadlineMillis"), "one-way messages carry none");
    }

    private Optional<Instant> poll() throws InterruptedException {
        Optional<Instant> deadline = deadlines.poll(RawPeer.WAIT_SECONDS, TimeUnit.SECONDS);
        if (deadline == null) {
            throw new AssertionError("the handler did not run");
        }
        return deadline;
    }
}
