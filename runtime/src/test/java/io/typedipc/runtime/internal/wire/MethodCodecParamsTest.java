package io.typedipc.runtime.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.ErrorCodes;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.codegen.TypeRecipe;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How {@link MethodCodec#readParams} reads what a peer sends (docs/protocol.md, "Messages"): no {@code params} member
 * at all, positional arrays of the wrong length, the by-name form in any member order, and the lone object parameter
 * that an object is (a record, a map), as against a lone parameter of any other type, for which an object is the
 * by-name form.
 */
class MethodCodecParamsTest {
    private final WireFormat wire = new WireFormat(IpcSettings.defaultMapper());

    public record Point(int x, int y) {}

    /** An enum and a collection of the application's own (not {@code java.*}), so that only their kind decides. */
    public enum Colour { RED, GREEN }

    public static final class Numbers extends java.util.ArrayList<Integer> {
        private static final long serialVersionUID = 1L;
    }

    /** A wrapper a module could make a reference type (as Guava's {@code Optional} is with its module). */
    public static final class Maybe<T> {
        public T value;
    }

    private static MethodDescriptor<Void> method(String channel, Object... namesAndTypes) {
        MethodDescriptor.Builder<Void> builder = MethodDescriptor.<Void>builder(channel, MethodDescriptor.Kind.BLOCKING);
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            builder.parameter((String) namesAndTypes[i], (TypeRecipe) namesAndTypes[i + 1]);
        }
        return builder.result(TypeRecipe.of(Void.class)).build();
    }

    private static final MethodDescriptor<Void> NONE = method("t:none");
    private static final MethodDescriptor<Void> TWO = method("t:two", "a", TypeRecipe.of(int.class), "b",
            TypeRecipe.of(String.class));
    private static final MethodDescriptor<Void> POINT = method("t:point", "p", TypeRecipe.of(Point.class));
    private static final MethodDescriptor<Void> MAP = method("t:map", "m",
            (TypeRecipe) t -> t.constructMapType(Map.class, String.class, Integer.class));

    /** The request {@code #7 channel} with {@code params} (none at all when null). */
    private Envelope request(String channel, String params) throws ProtocolViolation {
        String frame = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + channel + "\""
                + (params == null ? "" : ",\"params\":" + params) + "}";
        return wire.decode(frame.getBytes(StandardCharsets.UTF_8));
    }

    private Object[] read(MethodDescriptor<?> method, String params) throws ProtocolViolation {
        return wire.codec(method).readParams(request(method.channel(), params), wire.mapper());
    }

    private Object[] readUntyped(String params) throws ProtocolViolation {
        return wire.untyped().readParams(request("u:any", params), wire.mapper());
    }

    /** Reading fails with -32602 for request #7, with a message containing {@code text}. */
    private void assertRefused(MethodDescriptor<?> method, String params, String text) {
        ProtocolViolation v = assertThrows(ProtocolViolation.class, () -> read(method, params), String.valueOf(params));
        assertEquals(ErrorCodes.INVALID_PARAMS, v.code(), v.getMessage());
        assertEquals(7L, v.requestId());
        assertTrue(v.getMessage().contains(text), v.getMessage());
    }

    @Test
    void noParamsMemberIsNoArguments() throws ProtocolViolation {
        assertArrayEquals(new Object[0], read(NONE, null));
        assertArrayEquals(new Object[0], readUntyped(null));
        assertArrayEquals(new Object[0], read(NONE, "[]"));
        assertRefused(TWO, null, "t:two[a, b] takes 2 argument(s), got none");
        assertRefused(POINT, null, "t:point[p] takes 1 argument(s), got none");
    }

    @Test
    void positionalArgumentsMustMatchTheParametersInNumber() throws ProtocolViolation {
        assertArrayEquals(new Object[] {1, "x"}, read(TWO, "[1,\"x\"]"));
        assertRefused(TWO, "[1]", "t:two[a, b] takes 2 argument(s), got 1");
        assertRefused(TWO, "[1,\"x\",{\"extra\":[3]}]", "t:two[a, b] takes 2 argument(s), got 3");
        assertRefused(NONE, "[1]", "takes 0 argument(s), got 1");
        assertArrayEquals(new Object[] {1, "x", List.of(true)}, readUntyped("[1,\"x\",[true]]"));
    }

    @Test
    void namedArgumentsAreMatchedByNameInAnyOrder() throws ProtocolViolation {
        assertArrayEquals(new Object[] {1, "x"}, read(TWO, "{\"a\":1,\"b\":\"x\"}"));
        assertArrayEquals(new Object[] {1, "x"}, read(TWO, "{\"b\":\"x\",\"a\":1}"));
        assertRefused(TWO, "{\"b\":\"x\"}", "t:two[a, b] is missing the argument \"a\"");
        assertRefused(TWO, "{\"a\":1}", "t:two[a, b] is missing the argument \"b\"");
        assertRefused(TWO, "{\"a\":1,\"b\":\"x\",\"c\":2}", "t:two[a, b] has no parameter \"c\"");
        assertRefused(TWO, "{\"a\":\"one\",\"b\":\"x\"}", "in argument 1 (a)");
        assertArrayEquals(new Object[0], read(NONE, "{}"));
        ProtocolViolation untyped = assertThrows(ProtocolViolation.class, () -> readUntyped("{\"a\":1}"));
        assertTrue(untyped.getMessage().contains("untyped channels take positional arguments only"),
                untyped.getMessage());
    }

    /** A lone record or map parameter: an object is that argument, unless it is exactly the by-name form. */
    @Test
    void anObjectIsTheLoneObjectParameterItselfUnlessItIsTheByNameForm() throws ProtocolViolation {
        assertArrayEquals(new Object[] {new Point(1, 2)}, read(POINT, "{\"x\":1,\"y\":2}"));
        assertArrayEquals(new Object[] {new Point(1, 2)}, read(POINT, "{\"p\":{\"x\":1,\"y\":2}}"));
        assertArrayEquals(new Object[] {new Point(1, 2)}, read(POINT, "[{\"x\":1,\"y\":2}]"));
        assertArrayEquals(new Object[] {Map.of("a", 1, "b", 2)}, read(MAP, "{\"a\":1,\"b\":2}"));
        assertArrayEquals(new Object[] {Map.of("a", 1)}, read(MAP, "{\"a\":1}"));
        // Exactly one member named as the parameter is the by-name form, even for a map.
        assertArrayEquals(new Object[] {Map.of("z", 3)}, read(MAP, "{\"m\":{\"z\":3}}"));
        // Two members, one of them named as the parameter: the object itself.
        assertArrayEquals(new Object[] {Map.of("m", 1, "n", 2)}, read(MAP, "{\"m\":1,\"n\":2}"));
    }

    /**
     * A lone parameter of a type JSON writes as no object (a primitive, a JDK class, an enum, an array, a
     * collection, an Optional or another reference type): an object is always the by-name form. (The enum, the
     * collection and the reference type are the application's own, so that their kind is what decides, not their
     * {@code java.} package.)
     */
    @Test
    void forAnyOtherLoneParameterAnObjectIsTheByNameForm() throws ProtocolViolation {
        List<MethodDescriptor<Void>> lone = List.of(
                method("t:int", "v", TypeRecipe.of(int.class)),
                method("t:string", "v", TypeRecipe.of(String.class)),
                method("t:colour", "v", TypeRecipe.of(Colour.class)),
                method("t:array", "v", TypeRecipe.of(int[].class)),
                method("t:numbers", "v", TypeRecipe.of(Numbers.class)),
                method("t:optional", "v", (TypeRecipe) t -> t.constructReferenceType(Optional.class,
                        t.constructType(Integer.class))),
                method("t:maybe", "v", (TypeRecipe) t -> t.constructReferenceType(Maybe.class,
                        t.constructType(Integer.class))));
        for (MethodDescriptor<Void> method : lone) {
            assertRefused(method, "{\"other\":1}", method.channel() + "[v] has no parameter \"other\"");
        }
        assertArrayEquals(new Object[] {5}, read(lone.get(0), "{\"v\":5}"));
        assertArrayEquals(new Object[] {"s"}, read(lone.get(1), "{\"v\":\"s\"}"));
        assertArrayEquals(new Object[] {Colour.GREEN}, read(lone.get(2), "{\"v\":\"GREEN\"}"));
        assertArrayEquals(new int[] {1, 2}, (int[]) read(lone.get(3), "{\"v\":[1,2]}")[0]);
        assertEquals(List.of(1, 2), read(lone.get(4), "{\"v\":[1,2]}")[0]);
        assertArrayEquals(new Object[] {Optional.of(4)}, read(lone.get(5), "{\"v\":4}"));
    }
}
