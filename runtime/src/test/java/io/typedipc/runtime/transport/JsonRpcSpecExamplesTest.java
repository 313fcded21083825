package io.typedipc.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.Binding;
import io.typedipc.runtime.ErrorCodes;
import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.WireLimits;
import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.codegen.TypeRecipe;
import io.typedipc.runtime.internal.wire.JsonRpcDecoder;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The examples of the JSON-RPC 2.0 specification, section 7, sent as raw framed bytes over a byte stream to an
 * {@link IpcMain}. Batches are refused with one {@code -32600} error (docs/protocol.md, "Batches"), which is where the
 * replies differ from the specification's.
 */
class JsonRpcSpecExamplesTest {
    static final MethodDescriptor<Integer> SUBTRACT = MethodDescriptor
            .<Integer>builder("subtract", MethodDescriptor.Kind.BLOCKING)
            .parameter("minuend", TypeRecipe.of(int.class))
            .parameter("subtrahend", TypeRecipe.of(int.class))
            .result(TypeRecipe.of(Integer.class))
            .build();

    private IpcMain main;
    private RawPeer peer;
    private final LinkedBlockingQueue<String> notified = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        main = IpcMain.create();
        main.register(List.of(Binding.handler(SUBTRACT, (event, args) -> (Integer) args[0] - (Integer) args[1])));
        main.on("update", (event, args) -> notified.add("update " + Arrays.toString(args)));
        main.on("notify_hello", (event, args) -> notified.add("notify_hello " + Arrays.toString(args)));
        main.handle("sum", (event, args) -> Arrays.stream(args).mapToInt(a -> ((Number) a).intValue()).sum());
        main.handle("get_data", (event, args) -> List.of("hello", 5));
        PipePair pipes = PipePair.open();
        main.attach(pipes.leftLink("spec", WireLimits.defaults()), "raw-peer");
        peer = new RawPeer(pipes.rightIn, pipes.rightOut);
    }

    @AfterEach
    void stop() throws Exception {
        peer.close();
        main.close();
    }

    @Test
    void positionalParameters() throws Exception {
        peer.send("{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": [42, 23], \"id\": 1}");
        assertEquals(RawPeer.tree("{\"jsonrpc\": \"2.0\", \"result\": 19, \"id\": 1}"), peer.next());
        peer.send("{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": [23, 42], \"id\": 2}");
        assertEquals(RawPeer.tree("{\"jsonrpc\": \"2.0\", \"result\": -19, \"id\": 2}"), peer.next());
    }

    @Test
    void namedParameters() throws Exception {
        peer.send("{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": {\"subtrahend\": 23, \"minuend\": 42}, \"id\": 3}");
        assertEquals(RawPeer.tree("{\"jsonrpc\": \"2.0\", \"result\": 19, \"id\": 3}"), peer.next());
        peer.send("{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": {\"minuend\": 42, \"subtrahend\": 23}, \"id\": 4}");
        assertEquals(RawPeer.tree("{\"jsonrpc\": \"2.0\", \"result\": 19, \"id\": 4}"), peer.next());
    }

    @Test
    void notificationsGetNoReply() throws Exception {
        peer.send("{\"jsonrpc\": \"2.0\", \"method\": \"update\", \"params\": [1,2,3,4,5]}");
        peer.send("{\"jsonrpc\": \"2.0\", \"method\": \"foobar\"}");
        // Messages from one peer are handled in order: the next frame is the reply to this request, not to those.
        peer.send("{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": [1, 1], \"id\": 5}");
        assertEquals(RawPeer.tree("{\"jsonrpc\": \"2.0\", \"result\": 0, \"id\": 5}"), peer.next());
        assertEquals("update [1, 2, 3, 4, 5]", notified.poll(RawPeer.WAIT_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void nonExistentMethod() throws Exception {
        peer.send("{\"jsonrpc\": \"2.0\", \"method\": \"foobar\", \"id\": \"1\"}");
        assertError(peer.next(), ErrorCodes.METHOD_NOT_FOUND, "\"1\"");
    }

    @Test
    void invalidJson() throws Exception {
        peer.send("{\"jsonrpc\": \"2.0\", \"method\": \"foobar, \"params\": \"bar\", \"baz]");
        assertError(peer.next(), ErrorCodes.PARSE_ERROR, "null");
    }

    @Test
    void invalidRequestObject() throws Exception {
        peer.send("{\"jsonrpc\": \"2.0\", \"method\": 1, \"params\": \"bar\"}");
        assertError(peer.next(), ErrorCodes.INVALID_REQUEST, "null");
    }

    @Test
    void batchThatIsNotJsonIsAParseError() throws Exception {
        peer.send("[\n  {\"jsonrpc\": \"2.0\", \"method\": \"sum\", \"params\": [1,2,4], \"id\": \"1\"},\n"
                + "  {\"jsonrpc\": \"2.0\", \"method\"\n]");
        assertError(peer.next(), ErrorCodes.PARSE_ERROR, "null");
    }

    @Test
    void emptyArray() throws Exception {
        peer.send("[]");
        assertError(peer.next(), ErrorCodes.INVALID_REQUEST, "null");
    }

    @Test
    void batchesAreRefusedWithOneErrorAndRunNothing() throws Exception {
        String[] batches = {
            "[1]",
            "[1,2,3]",
            "[\n  {\"jsonrpc\": \"2.0\", \"method\": \"sum\", \"params\": [1,2,4], \"id\": \"1\"},\n"
                    + "  {\"jsonrpc\": \"2.0\", \"method\": \"notify_hello\", \"params\": [7]},\n"
                    + "  {\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": [42,23], \"id\": \"2\"},\n"
                    + "  {\"foo\": \"boo\"},\n"
                    + "  {\"jsonrpc\": \"2.0\", \"method\": \"foo.get\", \"params\": {\"name\": \"myself\"}, \"id\": \"5\"},\n"
                    + "  {\"jsonrpc\": \"2.0\", \"method\": \"get_data\", \"id\": \"9\"}\n]",
            "[\n  {\"jsonrpc\": \"2.0\", \"method\": \"notify_sum\", \"params\": [1,2,4]},\n"
                    + "  {\"jsonrpc\": \"2.0\", \"method\": \"notify_hello\", \"params\": [7]}\n]",
        };
        for (String batch : batches) {
            peer.send(batch);
            JsonNode reply = peer.next();
            assertError(reply, ErrorCodes.INVALID_REQUEST, "null");
            assertEquals(JsonRpcDecoder.BATCH_REFUSED, reply.get("error").get("message").asString());
        }
        // Nothing in the refused batches ran: the listener saw only what follows.
        peer.send("{\"jsonrpc\": \"2.0\", \"method\": \"notify_hello\", \"params\": [8]}");
        peer.send("{\"jsonrpc\": \"2.0\", \"method\": \"sum\", \"params\": [1,2,4], \"id\": \"after\"}");
        assertEquals(RawPeer.tree("{\"jsonrpc\": \"2.0\", \"result\": 7, \"id\": \"after\"}"), peer.next());
        assertEquals("notify_hello [8]", notified.poll(RawPeer.WAIT_SECONDS, TimeUnit.SECONDS));
        assertTrue(notified.isEmpty(), () -> "unexpected notifications: " + notified);
    }

    @Test
    void theUntypedEndpointServesEachBatchMemberSentAlone() throws Exception {
        peer.send("{\"jsonrpc\": \"2.0\", \"method\": \"sum\", \"params\": [1,2,4], \"id\": \"1\"}");
        assertEquals(RawPeer.tree("{\"jsonrpc\": \"2.0\", \"result\": 7, \"id\": \"1\"}"), peer.next());
        peer.send("{\"foo\": \"boo\"}");
        assertError(peer.next(), ErrorCodes.INVALID_REQUEST, "null");
        peer.send("{\"jsonrpc\": \"2.0\", \"method\": \"foo.get\", \"params\": {\"name\": \"myself\"}, \"id\": \"5\"}");
        assertError(peer.next(), ErrorCodes.METHOD_NOT_FOUND, "\"5\"");
        peer.send("{\"jsonrpc\": \"2.0\", \"method\": \"get_data\", \"id\": \"9\"}");
        assertEquals(RawPeer.tree("{\"jsonrpc\": \"2.0\", \"result\": [\"hello\", 5], \"id\": \"9\"}"), peer.next());
    }

    private static void assertError(JsonNode reply, int code, String idJson) {
        assertEquals("2.0", reply.get("jsonrpc").asString(), reply::toString);
        assertEquals(RawPeer.tree(idJson), reply.get("id"), reply::toString);
        assertTrue(reply.get("error").get("message").isString(), reply::toString);
        assertEquals(code, reply.get("error").get("code").asInt(), reply::toString);
        assertTrue(!reply.has("result"), reply::toString);
    }
}
