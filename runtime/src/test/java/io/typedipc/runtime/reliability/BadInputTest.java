package io.typedipc.runtime.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.ErrorCodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Bad input, written byte by byte by a raw peer over a real TCP loopback connection (after a valid handshake) to a
 * main that serves typed and untyped channels. Each case checks the defined JSON-RPC error or the closed connection,
 * the log line, and — after each test — that main and its other connections still work
 * ({@link ServedMain#assertStillServing()}).
 */
class BadInputTest {
    private static ServedMain served;
    private LogCapture log;
    private RawClient raw;

    @BeforeAll
    static void serve() throws Exception {
        served = new ServedMain();
    }

    @AfterAll
    static void stop() {
        served.close();
    }

    @BeforeEach
    void connect() throws Exception {
        log = new LogCapture();
        raw = served.raw();
    }

    @AfterEach
    void stillServing() throws Exception {
        try {
            raw.close();
            served.assertStillServing();
        } finally {
            log.close();
        }
    }

    // ------------------------------------------------------------------------------------------ JSON and JSON-RPC

    @Test
    void malformedJsonGetsAParseErrorAndTheConnectionStaysOpen() throws Exception {
        raw.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"rel:echo\",\"params\":[1,");
        assertError(raw.next(), ErrorCodes.PARSE_ERROR, null);
        log.await(Level.WARNING, "protocol error from", "invalid JSON");
        assertConnectionServes();
    }

    @Test
    void jsonThatIsNotJsonRpcGetsInvalidRequest() throws Exception {
        raw.send("{\"hello\":\"world\"}");
        assertError(raw.next(), ErrorCodes.INVALID_REQUEST, null);
        raw.send("\"just a string\"");
        assertError(raw.next(), ErrorCodes.INVALID_REQUEST, null);
        raw.send("[{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"rel:echo\",\"params\":[1]}]");
        assertError(raw.next(), ErrorCodes.INVALID_REQUEST, null);
        raw.send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":17}");
        assertError(raw.next(), ErrorCodes.INVALID_REQUEST, 4L);
        log.await(Level.WARNING, "protocol error from", "must be a JSON object");
        assertConnectionServes();
    }

    @Test
    void aWrongJsonRpcVersionGetsInvalidRequestWithTheId() throws Exception {
        raw.send("{\"jsonrpc\":\"1.0\",\"id\":5,\"method\":\"rel:echo\",\"params\":[1]}");
        assertError(raw.next(), ErrorCodes.INVALID_REQUEST, 5L);
        raw.send("{\"id\":6,\"method\":\"rel:echo\",\"params\":[1]}");
        assertError(raw.next(), ErrorCodes.INVALID_REQUEST, 6L);
        log.await(Level.WARNING, "protocol error from", "\"jsonrpc\" must be \"2.0\"");
        assertConnectionServes();
    }

    // --------------------------------------------------------------------------------------------------- framing

    @Test
    void contentLengthMissingClosesTheConnectionWithAParseError() throws Exception {
        raw.writeAscii("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}");
        assertFramingRefused(ErrorCodes.PARSE_ERROR, "without Content-Length");
    }

    @Test
    void contentLengthDuplicatedClosesTheConnectionWithAParseError() throws Exception {
        raw.writeAscii("Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}");
        assertFramingRefused(ErrorCodes.PARSE_ERROR, "two Content-Length headers");
    }

    @Test
    void contentLengthNegativeClosesTheConnectionWithAParseError() throws Exception {
        raw.writeAscii("Content-Length: -1\r\n\r\n{}");
        assertFramingRefused(ErrorCodes.PARSE_ERROR, "Content-Length is not a number");
    }

    @Test
    void aNulByteInAHeaderLineClosesTheConnectionWithAParseError() throws Exception {
        // Trimmed as a space it would pass for "Content-Length: 2"; a NUL is no header text.
        raw.writeAscii("Content-Length: 2\0\r\n\r\n{}");
        assertFramingRefused(ErrorCodes.PARSE_ERROR, "malformed frame header line (a NUL byte)");
    }

    @Test
    void contentLengthOfTwoToThe31MinusOneIsRefusedBeforeAnyBodyIsSent() throws Exception {
        raw.writeAscii("Content-Length: 2147483647\r\n\r\n");
        // No body byte was sent: the error proves nothing was read or allocated for it.
        assertFramingRefused(ErrorCodes.INVALID_REQUEST, "2147483647 bytes is over the limit");
    }

    @Test
    void contentLengthOfTwoToThe63ClosesTheConnectionWithAParseError() throws Exception {
        raw.writeAscii("Content-Length: 9223372036854775808\r\n\r\n{}");
        assertFramingRefused(ErrorCodes.PARSE_ERROR, "Content-Length is not a number");
    }

    @Test
    void aOneMegabyteHeaderLineIsRefusedAfterTheHeaderLimit() throws Exception {
        // Written on another thread: main stops reading after 8 KiB and closes, so the write may fail half-way.
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            try {
                raw.writeAscii("X-Filler: " + "a".repeat(1024 * 1024) + "\r\nContent-Length: 2\r\n\r\n{}");
            } catch (IOException e) {
                // main closed the connection before the line was written: expected
            }
        });
        assertFramingRefused(ErrorCodes.INVALID_REQUEST, "header is longer than the limit of 8192 bytes");
        writing.get(RawClient.WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void aTruncatedBodyThenEndOfStreamClosesTheConnection() throws Exception {
        raw.writeAscii("Content-Length: 100\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1,");
        raw.shutdownOutput();
        assertTrue(raw.awaitEnd(), "main closes its side");
        log.await(Level.INFO, "disconnected", "EOFException", "the stream ended inside a message: 24 of 100 bytes");
    }

    @Test
    void aOneHundredMegabyteStringIsRefusedByTheFrameLimitBeforeItIsRead() throws Exception {
        String start = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"rel:echo\",\"params\":[\"";
        long length = start.length() + 100L * 1024 * 1024 + 3;
        raw.writeAscii("Content-Length: " + length + "\r\n\r\n" + start);
        raw.writeRaw(new byte[64 * 1024]); // the first 64 KiB of the string; the other 99.9 MB are never sent
        // The refusal arrives while 99.9% of the body is unsent: main decided from the header alone and allocated
        // nothing for the body (the frame limit, 16 MiB, bounds what it ever buffers for one message).
        assertFramingRefused(ErrorCodes.INVALID_REQUEST, length + " bytes is over the limit of 16777216 bytes");
    }

    // ------------------------------------------------------------------------------------------- hostile content

    @Test
    void invalidUtf8GetsAParseErrorOrInvalidParamsAndTheConnectionStaysOpen() throws Exception {
        raw.sendBody(bytes("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"rel:", 0xC3, 0x28, "\",\"params\":[1]}"));
        assertError(raw.next(), ErrorCodes.PARSE_ERROR, null);
        raw.sendBody(bytes("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"rel:describe\",\"params\":[{\"name\":\"", 0xFF, 0xFE,
                "\",\"size\":1}]}"));
        JsonNode reply = raw.next();
        assertTrue(reply.path("error").path("code").asInt() == ErrorCodes.INVALID_PARAMS
                || reply.path("error").path("code").asInt() == ErrorCodes.PARSE_ERROR, reply.toString());
        log.await(Level.WARNING, "protocol error from", "Invalid UTF-8");
        assertConnectionServes();
    }

    @Test
    void nestingOneHundredThousandDeepIsRefusedWithTheIdAndTheConnectionStaysOpen() throws Exception {
        int depth = 100_000;
        raw.send("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"rel:echo\",\"params\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
        JsonNode reply = raw.next();
        assertError(reply, ErrorCodes.INVALID_REQUEST, 9L);
        assertTrue(reply.path("error").path("message").asString().contains("nesting depth"), reply.toString());
        log.await(Level.WARNING, "protocol error from", "breaks a limit");
        assertConnectionServes();
    }

    @Test
    void aNumberWithAMillionDigitsIsRefusedAndTheConnectionStaysOpen() throws Exception {
        String digits = "7".repeat(1_000_000);
        raw.send("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"rel:echo\",\"params\":[" + digits + "]}");
        JsonNode reply = raw.next();
        assertError(reply, ErrorCodes.INVALID_REQUEST, 10L);
        assertTrue(reply.path("error").path("message").asString().contains("Number value length"), reply.toString());
        raw.send("{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"rel:add\",\"params\":[1," + digits + "]}");
        assertError(raw.next(), ErrorCodes.INVALID_REQUEST, 11L);
        log.await(Level.WARNING, "protocol error from", "breaks a limit");
        assertConnectionServes();
    }

    // ------------------------------------------------------------------------------------------- channels and args

    @Test
    void anUnknownChannelGetsMethodNotFound() throws Exception {
        raw.send("{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"rel:no-such-channel\",\"params\":[]}");
        JsonNode reply = raw.next();
        assertError(reply, ErrorCodes.METHOD_NOT_FOUND, 12L);
        assertTrue(reply.path("error").path("message").asString().contains("rel:no-such-channel"));
        raw.send("{\"jsonrpc\":\"2.0\",\"method\":\"rel:no-such-channel\",\"params\":[]}"); // a notification: no reply
        log.await(Level.FINE, "no listener for notification rel:no-such-channel");
        log.await(Level.FINE, "no handler for request", "#12 rel:no-such-channel");
        assertConnectionServes();
    }

    @Test
    void theWrongArgumentCountGetsInvalidParams() throws Exception {
        raw.send("{\"jsonrpc\":\"2.0\",\"id\":13,\"method\":\"rel:add\",\"params\":[1]}");
        assertInvalidParams(raw.next(), 13L, "takes 2 argument(s), got 1");
        raw.send("{\"jsonrpc\":\"2.0\",\"id\":14,\"method\":\"rel:add\",\"params\":[1,2,3]}");
        assertInvalidParams(raw.next(), 14L, "takes 2 argument(s), got 3");
        raw.send("{\"jsonrpc\":\"2.0\",\"id\":15,\"method\":\"rel:add\"}");
        assertInvalidParams(raw.next(), 15L, "got none");
        log.await(Level.WARNING, "refused request #13 rel:add", "takes 2 argument(s), got 1");
        assertConnectionServes();
    }

    @Test
    void wrongArgumentTypesGetInvalidParams() throws Exception {
        raw.send("{\"jsonrpc\":\"2.0\",\"id\":16,\"method\":\"rel:add\",\"params\":[\"one\",{}]}");
        assertInvalidParams(raw.next(), 16L, "arguments do not fit rel:add");
        raw.send("{\"jsonrpc\":\"2.0\",\"id\":17,\"method\":\"rel:describe\",\"params\":[[1,2]]}");
        assertInvalidParams(raw.next(), 17L, "arguments do not fit rel:describe");
        raw.send("{\"jsonrpc\":\"2.0\",\"id\":18,\"method\":\"rel:add\",\"params\":7}");
        assertError(raw.next(), ErrorCodes.INVALID_REQUEST, 18L);
        // A one-way message with bad arguments is dropped, logged, never half-delivered.
        raw.send("{\"jsonrpc\":\"2.0\",\"method\":\"rel:note\",\"params\":[\"x\"]}");
        log.await(Level.WARNING, "dropped notification rel:note");
        assertEquals(0, served.notes.size());
        assertConnectionServes();
    }

    @Test
    void nullForAPrimitiveGetsInvalidParams() throws Exception {
        raw.send("{\"jsonrpc\":\"2.0\",\"id\":19,\"method\":\"rel:add\",\"params\":[null,1]}");
        assertInvalidParams(raw.next(), 19L, "arguments do not fit rel:add");
        raw.send("{\"jsonrpc\":\"2.0\",\"id\":20,\"method\":\"rel:describe\",\"params\":[{\"name\":\"a\",\"size\":null}]}");
        assertInvalidParams(raw.next(), 20L, "arguments do not fit rel:describe");
        assertConnectionServes();
    }

    // ------------------------------------------------------------------------------------------------- ids

    @Test
    void aReplyWithAnUnknownIdIsDroppedAndLogged() throws Exception {
        raw.send("{\"jsonrpc\":\"2.0\",\"id\":424242,\"result\":\"nobody asked\"}");
        raw.send("{\"jsonrpc\":\"2.0\",\"id\":\"who\",\"error\":{\"code\":-32000,\"message\":\"nobody asked\"}}");
        log.await(Level.FINE, "dropped a reply with no waiting call", "424242");
        log.await(Level.FINE, "dropped a reply with no waiting call", "who");
        assertConnectionServes();
    }

    @Test
    void aDuplicateRequestIdIsAnsweredOncePerRequestInOrder() throws Exception {
        raw.send("{\"jsonrpc\":\"2.0\",\"id\":21,\"method\":\"rel:echo\",\"params\":[\"first\"]}");
        raw.send("{\"jsonrpc\":\"2.0\",\"id\":21,\"method\":\"rel:echo\",\"params\":[\"second\"]}");
        JsonNode one = raw.next();
        JsonNode two = raw.next();
        assertEquals(21, one.path("id").asInt());
        assertEquals("first", one.path("result").asString());
        assertEquals(21, two.path("id").asInt());
        assertEquals("second", two.path("result").asString());
        assertConnectionServes();
    }

    @Test
    void cancelForAnUnknownIdIsIgnored() throws Exception {
        raw.send("{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\",\"params\":{\"id\":987654}}");
        raw.send("{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\",\"params\":{\"id\":\"nope\"}}");
        raw.send("{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\",\"params\":[1,2]}");
        raw.send("{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\"}");
        assertConnectionServes(); // the next frame is the answer to a new request: the cancels got no reply
    }

    /**
     * A peer that reads nothing (a socket with a 4 KiB receive buffer and no reader) sends 10,000 requests whose
     * replies, about 10 MB, cannot fit in the socket buffers: they wait in main's outgoing queue for that connection,
     * while main goes on serving the others. Once the peer reads, every request is answered exactly once.
     */
    @Test
    void tenThousandRequestsWithoutReadingRepliesAreAllAnsweredOnceThePeerReads() throws Exception {
        int count = 10_000;
        String padding = "x".repeat(1000);
        try (RawClient deaf = RawClient.connectNotReading(served.server.address(), served.server.token(), "deaf")) {
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            for (int i = 1; i <= count; i++) {
                byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"rel:echo\",\"params\":[\"" + i + " "
                        + padding + "\"]}").getBytes(StandardCharsets.UTF_8);
                batch.writeBytes(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                batch.writeBytes(body);
            }
            deaf.writeRaw(batch.toByteArray());
            served.assertStillServing(); // others are answered while the deaf peer's replies wait
            deaf.startReading();
            assertEquals("typed-ipc/1", deaf.next().path("result").path("protocol").asString(), "the handshake reply");
            Set<Integer> answered = new HashSet<>();
            for (int i = 0; i < count; i++) {
                JsonNode reply = deaf.next();
                int id = reply.path("id").asInt();
                assertEquals(id + " " + padding, reply.path("result").asString(), "reply to #" + id);
                assertTrue(answered.add(id), "answered twice: " + id);
            }
            assertEquals(count, answered.size());
            deaf.send("{\"jsonrpc\":\"2.0\",\"id\":\"marker\",\"method\":\"rel:add\",\"params\":[1,1]}");
            assertEquals("marker", deaf.next().path("id").asString(), "nothing more than one reply per request");
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** The same connection still serves a well-formed request after the bad input. */
    private void assertConnectionServes() throws Exception {
        raw.send("{\"jsonrpc\":\"2.0\",\"id\":\"after\",\"method\":\"rel:add\",\"params\":[40,2]}");
        JsonNode reply = raw.next();
        assertEquals("after", reply.path("id").asString(), reply.toString());
        assertEquals(42, reply.path("result").asInt(), reply.toString());
    }

    private void assertFramingRefused(int code, String message) throws Exception {
        JsonNode reply = raw.next();
        assertError(reply, code, null);
        assertTrue(reply.path("error").path("message").asString().contains(message), reply.toString());
        assertTrue(raw.awaitEnd(), "framing is lost: main closes the connection");
        log.await(Level.WARNING, "closing socket", message);
    }

    static void assertError(JsonNode reply, int code, Object id) {
        assertEquals(code, reply.path("error").path("code").asInt(), reply.toString());
        assertEquals("2.0", reply.path("jsonrpc").asString(), reply.toString());
        if (id == null) {
            assertTrue(reply.path("id").isNull(), "id null: " + reply);
        } else if (id instanceof Long number) {
            assertEquals(number.longValue(), reply.path("id").asLong(), reply.toString());
        } else {
            assertEquals(id, reply.path("id").asString(), reply.toString());
        }
        assertTrue(reply.path("error").path("data").path("stackTrace").isMissingNode(), "no stack trace: " + reply);
    }

    private static void assertInvalidParams(JsonNode reply, long id, String message) {
        assertError(reply, ErrorCodes.INVALID_PARAMS, id);
        assertTrue(reply.path("error").path("message").asString().contains(message), reply.toString());
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String text) {
                out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }
}
