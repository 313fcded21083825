package io.typedipc.runtime.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.Binding;
import io.typedipc.runtime.CallOptions;
import io.typedipc.runtime.ErrorCodes;
import io.typedipc.runtime.IpcException;
import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.RendererHandle;
import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.codegen.TypeRecipe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A number that does not fit its Java type is refused, never changed: {@code 1e400} is no {@code double} (Jackson
 * reads it as {@code Infinity}), {@code 200} no {@code byte} (Jackson wraps it to -56), {@code 3000000000} no
 * {@code int}. Arguments get {@code -32602} naming the argument; a result that does not fit fails its caller.
 */
class NumberFitTest {
    record Sample(String name, double weight) {}

    static final MethodDescriptor<Double> SCALE = MethodDescriptor.<Double>builder("fit:scale",
                    MethodDescriptor.Kind.BLOCKING)
            .parameter("factor", TypeRecipe.of(double.class))
            .parameter("count", TypeRecipe.of(int.class))
            .result(TypeRecipe.of(double.class))
            .build();
    static final MethodDescriptor<String> SMALL = MethodDescriptor.<String>builder("fit:small",
                    MethodDescriptor.Kind.BLOCKING)
            .parameter("level", TypeRecipe.of(byte.class))
            .parameter("ratio", TypeRecipe.of(Float.class))
            .parameter("total", TypeRecipe.of(long.class))
            .result(TypeRecipe.of(String.class))
            .build();
    static final MethodDescriptor<String> SAMPLES = MethodDescriptor.<String>builder("fit:samples",
                    MethodDescriptor.Kind.BLOCKING)
            .parameter("samples", t -> t.constructCollectionType(List.class, Sample.class))
            .parameter("weights", TypeRecipe.of(double[].class))
            .result(TypeRecipe.of(String.class))
            .build();
    static final MethodDescriptor<byte[]> OCTETS = MethodDescriptor.<byte[]>builder("fit:octets",
                    MethodDescriptor.Kind.BLOCKING)
            .parameter("data", TypeRecipe.of(byte[].class))
            .parameter("numbers", t -> t.constructCollectionType(List.class, Byte.class))
            .result(TypeRecipe.of(byte[].class))
            .build();
    static final MethodDescriptor<List<Sample>> WEIGHED = MethodDescriptor.<List<Sample>>builder("fit:weighed",
                    MethodDescriptor.Kind.BLOCKING)
            .result(t -> t.constructCollectionType(List.class, Sample.class))
            .build();

    @Test
    void argumentsThatDoNotFitTheirTypeAreInvalidParamsNamingTheArgument() throws Exception {
        try (ServedMain served = new ServedMain()) {
            ConcurrentLinkedQueue<Object> seen = new ConcurrentLinkedQueue<>();
            served.main.register(List.of(
                    Binding.handler(SCALE, (event, args) -> {
                        seen.add(args[0]);
                        return (Double) args[0] * (Integer) args[1];
                    }),
                    Binding.handler(SMALL, (event, args) -> {
                        seen.add(args[0]);
                        return args[0] + "/" + args[1] + "/" + args[2];
                    }),
                    Binding.handler(SAMPLES, (event, args) -> {
                        seen.add(args[0]);
                        return args[0].toString();
                    })));
            served.main.handle("fit:any", (event, args) -> {
                seen.add(args[0]);
                return "taken";
            });
            try (RawClient raw = served.raw()) {
                assertRefused(raw, "fit:scale", "[1e400, 2]", "; in argument 1 (factor)", "1e400");
                assertRefused(raw, "fit:scale", "[-1e400, 2]", "; in argument 1 (factor)", "-1e400");
                assertRefused(raw, "fit:scale", "{\"factor\": 1.5, \"count\": 3000000000}", "; in argument 2 (count)", "3000000000");
                assertRefused(raw, "fit:small", "[200, 1.5, 1]", "; in argument 1 (level)", "200");
                assertRefused(raw, "fit:small", "[-129, 1.5, 1]", "; in argument 1 (level)", "-129");
                assertRefused(raw, "fit:small", "[1, 1e39, 1]", "; in argument 2 (ratio)", "1e39");
                assertRefused(raw, "fit:small", "[1, 1.5, 9223372036854775808]", "; in argument 3 (total)", "9223372036854775808");
                assertRefused(raw, "fit:samples", "[[{\"name\": \"a\", \"weight\": 1}, {\"name\": \"b\", \"weight\": 1e309}], [1]]",
                        "; in argument 1 (samples) at [1].weight", "1e309");
                assertRefused(raw, "fit:samples", "[[], [1, 2, 1e400]]", "; in argument 2 (weights)", "infinity");
                assertRefused(raw, "fit:any", "[{\"deep\": [1, {\"x\": 1e400}]}]", "arguments do not fit fit:any: ", "infinity");
                assertRefused(raw, "fit:any", "[1e400]", "arguments do not fit fit:any: ", "1e400");
                assertTrue(seen.isEmpty(), "no handler ran: " + seen);

                // What fits is served as before, the largest values included; rounding is not refusal.
                raw.send(request(1, "fit:small", "[127, 3.4028235e38, 9223372036854775807]"));
                assertEquals("127/3.4028235E38/9223372036854775807", raw.next().path("result").asString());
                raw.send(request(2, "fit:scale", "[1.7976931348623157e308, 1]"));
                assertEquals(Double.MAX_VALUE, raw.next().path("result").asDouble());
                raw.send(request(3, "fit:scale", "[1e-400, 1]"));
                assertEquals(0.0, raw.next().path("result").asDouble());
                raw.send(request(4, "fit:any", "[{\"big\": 123456789012345678901234567890, \"x\": 2.5}]"));
                assertEquals("taken", raw.next().path("result").asString());
            }
            served.assertStillServing();
        }
    }

    @Test
    void aResultThatDoesNotFitItsTypeFailsTheCaller() throws Exception {
        ScriptedLink link = new ScriptedLink();
        try (IpcMain main = IpcMain.create()) {
            RendererHandle handle = main.attach(link, "raw");
            CompletableFuture<Object> typed = CompletableFuture.supplyAsync(
                    () -> handle.call(SCALE, CallOptions.DEFAULT.withDeadline(Duration.ofSeconds(60)), 1.5, 2));
            JsonNode request = link.next();
            link.deliver("{\"jsonrpc\":\"2.0\",\"id\":" + request.get("id") + ",\"result\":1e400}");
            IpcException failed = assertInstanceOf(IpcException.class,
                    assertThrows(ExecutionException.class, () -> typed.get(60, TimeUnit.SECONDS)).getCause());
            assertEquals(ErrorCodes.INTERNAL_ERROR, failed.code());
            assertTrue(failed.getMessage().contains("fit:scale") && failed.getMessage().contains("1e400"),
                    failed.getMessage());

            CompletableFuture<Object> untyped = handle.invoke("fit:any");
            JsonNode second = link.next();
            link.deliver("{\"jsonrpc\":\"2.0\",\"id\":" + second.get("id") + ",\"result\":{\"values\":[1, -1e400]}}");
            IpcException untypedFailed = assertInstanceOf(IpcException.class,
                    assertThrows(ExecutionException.class, () -> untyped.get(60, TimeUnit.SECONDS)).getCause());
            assertTrue(untypedFailed.getMessage().contains("infinity"), untypedFailed.getMessage());

            CompletableFuture<Object> fits = handle.invoke("fit:any");
            JsonNode third = link.next();
            link.deliver("{\"jsonrpc\":\"2.0\",\"id\":" + third.get("id") + ",\"result\":{\"values\":[1, -1e300]}}");
            assertEquals(Map.of("values", List.of(1, -1e300)), fits.get(60, TimeUnit.SECONDS));
        }
    }

    /**
     * A {@code byte[]} is binary data, written as base64; sent as an array of numbers (Jackson's other form, what a
     * JavaScript {@code Array.from(uint8Array)} gives), each number is one octet, signed or not: 200 and -56 are both
     * the byte 0xC8, nothing is lost. Anything else is refused. A {@code List<Byte>} holds numbers: 200 is no byte.
     */
    @Test
    void aByteArrayTakesOctetsSignedOrUnsignedAndNothingElse() throws Exception {
        try (ServedMain served = new ServedMain()) {
            ConcurrentLinkedQueue<Object> seen = new ConcurrentLinkedQueue<>();
            served.main.register(List.of(Binding.handler(OCTETS, (event, args) -> {
                seen.add(args[0]);
                return args[0];
            })));
            try (RawClient raw = served.raw()) {
                raw.send(request(1, "fit:octets", "[[0, 127, 128, 200, 255, -1, -56, -128], []]"));
                JsonNode reply = raw.next();
                assertEquals(java.util.Base64.getEncoder().encodeToString(
                        new byte[] {0, 127, -128, -56, -1, -1, -56, -128}), reply.path("result").asString(), reply.toString());
                raw.send(request(2, "fit:octets", "[\"AMj/\", [-128, 127]]"));
                assertEquals("AMj/", raw.next().path("result").asString());
                for (String octet : List.of("256", "-129", "1.5", "\"1\"", "null", "true")) {
                    assertRefused(raw, "fit:octets", "[[1, " + octet + "], []]", "; in argument 1 (data)", "");
                }
                assertRefused(raw, "fit:octets", "[[1], [1, 200]]", "; in argument 2 (numbers) at [1]", "200");
                assertEquals(2, seen.size(), "only the two that fit were served");
            }
            served.assertStillServing();
        }
    }

    @Test
    void aResultThatDoesNotFitIsReportedAsArgumentsAreWithoutJacksonsSourceLocation() throws Exception {
        ScriptedLink link = new ScriptedLink();
        try (IpcMain main = IpcMain.create()) {
            RendererHandle handle = main.attach(link, "raw");
            String nested = "[{\"name\": \"a\", \"weight\": 1}, {\"name\": \"b\", \"weight\": 1e309}]";
            assertEquals("fit:weighed: the reply does not fit the result type: the number 1e309 is too large for a double"
                    + " (it would be read as infinity); in the result at [1].weight", failedResult(handle, link, nested));
            String mistyped = "[{\"name\": \"a\", \"weight\": \"heavy\"}]";
            String message = failedResult(handle, link, mistyped);
            assertTrue(message.startsWith("fit:weighed: the reply does not fit the result type: ")
                    && message.contains("\"heavy\"") && message.endsWith("; in the result at [0].weight"), message);
            String notAList = "{\"name\": \"a\"}";
            message = failedResult(handle, link, notAList);
            assertTrue(message.startsWith("fit:weighed: the reply does not fit the result type: ")
                    && !message.contains(" in the result at "), message);
            for (String text : List.of(failedResult(handle, link, nested), message)) {
                assertTrue(!text.contains("Source") && !text.contains("line:") && !text.contains("reference chain"), text);
            }
        }
    }

    /** The message of the exception {@code fit:weighed}'s caller gets when the reply's result is {@code json}. */
    private static String failedResult(RendererHandle handle, ScriptedLink link, String json) throws Exception {
        CompletableFuture<Object> call = CompletableFuture.supplyAsync(
                () -> handle.call(WEIGHED, CallOptions.DEFAULT.withDeadline(Duration.ofSeconds(60))));
        JsonNode request = link.next();
        link.deliver("{\"jsonrpc\":\"2.0\",\"id\":" + request.get("id") + ",\"result\":" + json + "}");
        IpcException failed = assertInstanceOf(IpcException.class,
                assertThrows(ExecutionException.class, () -> call.get(60, TimeUnit.SECONDS)).getCause());
        assertEquals(ErrorCodes.INTERNAL_ERROR, failed.code());
        return failed.getMessage();
    }

    private static void assertRefused(RawClient raw, String channel, String params, String names, String value)
            throws Exception {
        raw.send(request(77, channel, params));
        JsonNode reply = raw.next();
        assertEquals(77, reply.path("id").asInt(), reply.toString());
        assertEquals(ErrorCodes.INVALID_PARAMS, reply.path("error").path("code").asInt(), params + ": " + reply);
        String message = reply.path("error").path("message").asString();
        assertTrue(message.contains(names) && message.contains(value), params + ": " + message);
    }

    private static String request(int id, String channel, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + channel + "\",\"params\":" + params + "}";
    }
}
