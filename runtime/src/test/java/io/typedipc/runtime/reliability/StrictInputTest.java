package io.typedipc.runtime.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.Binding;
import io.typedipc.runtime.ErrorCodes;
import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.codegen.TypeRecipe;
import io.typedipc.runtime.internal.wire.ViolationLog;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Strict input, byte by byte from a raw peer: no scalar coercion, UTF-8 only, {@code $/cancelRequest} as a request
 * answered, and what a peer gets wrong is logged safely and at a bounded rate.
 */
class StrictInputTest {
    static final MethodDescriptor<Integer> LENGTH = MethodDescriptor.<Integer>builder("strict:length",
                    MethodDescriptor.Kind.BLOCKING)
            .parameter("text", TypeRecipe.of(String.class)).result(TypeRecipe.of(Integer.class)).build();
    static final MethodDescriptor<Boolean> NOT = MethodDescriptor.<Boolean>builder("strict:not",
                    MethodDescriptor.Kind.BLOCKING)
            .parameter("flag", TypeRecipe.of(boolean.class)).result(TypeRecipe.of(Boolean.class)).build();
    static final MethodDescriptor<Double> HALF = MethodDescriptor.<Double>builder("strict:half",
                    MethodDescriptor.Kind.BLOCKING)
            .parameter("value", TypeRecipe.of(double.class)).result(TypeRecipe.of(Double.class)).build();

    private ServedMain served;
    private RawClient raw;
    private LogCapture log;

    @BeforeEach
    void start() throws Exception {
        served = new ServedMain();
        served.main.register(List.of(
                Binding.handler(LENGTH, (event, args) -> ((String) args[0]).length()),
                Binding.handler(NOT, (event, args) -> !(Boolean) args[0]),
                Binding.handler(HALF, (event, args) -> (Double) args[0] / 2)));
        raw = served.raw();
        log = new LogCapture();
    }

    @AfterEach
    void stop() throws Exception {
        log.close();
        raw.close();
        served.assertStillServing();
        served.close();
    }

    @Test
    void aValueOfTheWrongJsonTypeIsRefusedNotConverted() throws Exception {
        String[][] refused = {
                {"rel:add", "[1.9, 1]"}, {"rel:add", "[\"2\", \"3\"]"}, {"rel:add", "[true, 1]"},
                {"strict:length", "[123]"}, {"strict:length", "[1.5]"}, {"strict:length", "[false]"},
                {"strict:not", "[1]"}, {"strict:not", "[\"true\"]"}, {"strict:half", "[\"4\"]"},
                {"rel:describe", "[{\"name\": 7, \"size\": 1}]"}, {"rel:describe", "[{\"name\": \"a\", \"size\": 1.5}]"},
                {"rel:describe", "[{\"name\": \"a\", \"size\": \"1\"}]"}, {"rel:describe", "[\"\"]"}};
        int id = 0;
        for (String[] call : refused) {
            raw.send("{\"jsonrpc\":\"2.0\",\"id\":" + ++id + ",\"method\":\"" + call[0] + "\",\"params\":" + call[1] + "}");
            JsonNode reply = raw.next();
            assertEquals(id, reply.path("id").asInt(), reply.toString());
            assertEquals(ErrorCodes.INVALID_PARAMS, reply.path("error").path("code").asInt(),
                    call[0] + " " + call[1] + " -> " + reply);
        }
        // The right types still work, and an integer is a double (JSON has one number type).
        assertEquals(5, call("rel:add", "[2, 3]").path("result").asInt());
        assertEquals(3, call("strict:length", "[\"abc\"]").path("result").asInt());
        assertFalse(call("strict:not", "[true]").path("result").asBoolean());
        assertEquals(2.0, call("strict:half", "[4]").path("result").asDouble());
    }

    @Test
    void aBodyThatIsNotUtf8IsRefusedWithAParseError() throws Exception {
        String request = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"strict:length\",\"params\":[\"/\"]}";
        byte[][] bodies = {
                request.getBytes(StandardCharsets.UTF_16LE), request.getBytes(StandardCharsets.UTF_16BE),
                request.getBytes(StandardCharsets.UTF_16), // with a byte order mark
                request.getBytes(java.nio.charset.Charset.forName("UTF-32LE")),
                replace(request, "/", new byte[] {(byte) 0xc0, (byte) 0xaf}), // overlong '/'
                replace(request, "/", new byte[] {(byte) 0xe0, (byte) 0x80, (byte) 0xaf}), // overlong '/', 3 bytes
                replace(request, "/", new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}), // a UTF-16 surrogate
                replace(request, "/", new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}), // > U+10FFFF
                replace(request, "/", new byte[] {0}), // a raw NUL
                replace(request, "/", new byte[] {(byte) 0xe2, (byte) 0x82}), // truncated
        };
        for (byte[] body : bodies) {
            raw.sendBody(body);
            JsonNode reply = raw.next();
            assertEquals(ErrorCodes.PARSE_ERROR, reply.path("error").path("code").asInt(), reply.toString());
            assertTrue(reply.path("id").isNull(), reply.toString());
        }
        // Real multi-byte UTF-8 is fine: é (2 bytes), € (3), 😀 (4).
        assertEquals(4, call("strict:length", "[\"é€😀\"]").path("result").asInt());
    }

    @Test
    void cancelRequestSentAsARequestIsAnsweredAndScalarParamsAreInvalid() throws Exception {
        raw.send("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"$/cancelRequest\",\"params\":{\"id\":1}}");
        JsonNode reply = raw.next();
        assertEquals(7, reply.path("id").asInt(), reply.toString());
        assertEquals(ErrorCodes.INVALID_REQUEST, reply.path("error").path("code").asInt(), reply.toString());
        assertTrue(reply.path("error").path("message").asString().contains("is a notification"), reply.toString());
        // Params that are neither object nor array break JSON-RPC for any message: -32600 with id null.
        raw.send("{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\",\"params\":5}");
        reply = raw.next();
        assertEquals(ErrorCodes.INVALID_REQUEST, reply.path("error").path("code").asInt(), reply.toString());
        assertTrue(reply.path("id").isNull(), reply.toString());
        // A malformed but structured cancellation notification is ignored: the next reply is the next request's.
        raw.send("{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\",\"params\":{\"id\":[1]}}");
        raw.send("{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\",\"params\":[1]}");
        assertEquals(3, call("rel:add", "[1, 2]").path("result").asInt());
    }

    @Test
    void peerTextIsLoggedSafelyAndViolationsAtABoundedRate() throws Exception {
        raw.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"rel:add\\nSEVERE: forged log line\",\"params\":[1]}");
        raw.next();
        raw.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"rel:add\",\"params\":[1, \"x\\nSEVERE: forged\"]}");
        raw.next();
        raw.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"rel:add\",\"params\":[1, 2, 3]}");
        raw.next();
        for (LogRecord record : log.matching(Level.WARNING)) {
            assertFalse(LogCapture.text(record).contains("\n"), "a line break in " + LogCapture.text(record));
        }
        for (Level level : List.of(Level.FINE, Level.INFO, Level.WARNING, Level.SEVERE)) {
            for (LogRecord record : log.matching(level)) {
                assertFalse(LogCapture.text(record).contains("\nSEVERE"), "forged: " + LogCapture.text(record));
            }
        }
        log.clear();
        // 300 invalid frames at once: at most a burst of lines, and the next line counts what was left out.
        ByteArrayOutputStream flood = new ByteArrayOutputStream();
        for (int i = 0; i < 300; i++) {
            flood.writeBytes("Content-Length: 3\r\n\r\n{x}".getBytes(StandardCharsets.US_ASCII));
        }
        raw.writeRaw(flood.toByteArray());
        for (int i = 0; i < 300; i++) {
            assertEquals(ErrorCodes.PARSE_ERROR, raw.next().path("error").path("code").asInt());
        }
        List<LogRecord> lines = log.matching(Level.WARNING, "protocol error from");
        assertTrue(lines.size() <= ViolationLog.BURST + 2, lines.size() + " lines for 300 bad frames");
        Thread.sleep(1100); // the rate lets one more line through, which says how many were left out
        raw.writeRaw("Content-Length: 3\r\n\r\n{x}".getBytes(StandardCharsets.US_ASCII));
        raw.next();
        log.await(Level.WARNING, "protocol error from", "similar lines from this peer were left out");
    }

    private JsonNode call(String method, String params) throws Exception {
        raw.send("{\"jsonrpc\":\"2.0\",\"id\":\"c\",\"method\":\"" + method + "\",\"params\":" + params + "}");
        return raw.next();
    }

    private static byte[] replace(String text, String what, byte[] with) {
        int at = text.indexOf(what);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(with);
        out.writeBytes(text.substring(at + what.length()).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
