package io.typedipc.runtime.reliability;

import io.typedipc.runtime.ErrorCodes;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.WireLimits;
import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.codegen.TypeRecipe;
import io.typedipc.runtime.internal.wire.Envelope;
import io.typedipc.runtime.internal.wire.FrameReader;
import io.typedipc.runtime.internal.wire.FrameWriter;
import io.typedipc.runtime.internal.wire.FramingException;
import io.typedipc.runtime.internal.wire.MethodCodec;
import io.typedipc.runtime.internal.wire.ProtocolViolation;
import io.typedipc.runtime.internal.wire.Routing;
import io.typedipc.runtime.internal.wire.Utf8;
import io.typedipc.runtime.internal.wire.WireFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What must hold for <em>any</em> bytes a peer sends, checked by the fuzz tests ({@link DecoderFuzzTest}) and by the
 * plain regression test over the seed corpus ({@link CorpusRegressionTest}). A violated property throws
 * {@link AssertionError}; any other exception escaping from here is a decoder bug as well (the fuzzer reports both).
 */
final class DecoderProperties {
    /** Small limits, so that the fuzzer reaches them with small inputs. */
    static final WireLimits LIMITS = WireLimits.builder()
            .maxFrameBytes(64 * 1024)
            .maxHeaderBytes(256)
            .maxNestingDepth(16)
            .maxStringLength(4096)
            .maxNumberLength(40)
            .maxNameLength(256)
            .maxQueuedOutgoingBytes(64 * 1024)
            .build();

    private static final WireFormat WIRE = new WireFormat(IpcSettings.defaultMapper(LIMITS));
    private static final Routing ROUTING = new Routing(IpcSettings.defaultMapper(LIMITS));

    /** A record argument, a collection of records and a primitive: the shapes typed channels carry. */
    record Item(String name, int size, List<String> tags) {}

    static final MethodDescriptor<Integer> TYPED = MethodDescriptor.<Integer>builder("fuzz:typed",
                    MethodDescriptor.Kind.BLOCKING)
            .parameter("count", TypeRecipe.of(int.class))
            .parameter("item", TypeRecipe.of(Item.class))
            .parameter("items", t -> t.constructCollectionType(List.class, Item.class))
            .parameter("weights", t -> t.constructMapType(Map.class, String.class, Double.class))
            .parameter("data", TypeRecipe.of(byte[].class))
            .result(TypeRecipe.of(int.class))
            .build();

    private DecoderProperties() {}

    /**
     * The frame decoder reads a stream of any bytes into frames that fit the limits, and otherwise ends in exactly
     * one of: the end of the stream, {@link EOFException} (the stream ended inside a frame), or
     * {@link FramingException} with code -32700 or -32600. Every frame it returns reads back the same after being
     * written again.
     */
    static void frameDecoder(byte[] input) throws IOException {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(input), LIMITS.maxFrameBytes(), LIMITS.maxHeaderBytes());
        long bodies = 0;
        while (true) {
            byte[] frame;
            try {
                frame = reader.read();
            } catch (FramingException e) {
                check(e.code() == ErrorCodes.PARSE_ERROR || e.code() == ErrorCodes.INVALID_REQUEST,
                        "framing error code " + e.code());
                check(e.getMessage() != null && !e.getMessage().isEmpty(), "a framing error says what is wrong");
                return;
            } catch (EOFException e) {
                return;
            }
            if (frame == null) {
                return;
            }
            check(frame.length <= LIMITS.maxFrameBytes(), "a frame over the limit was returned");
            bodies += frame.length;
            check(bodies <= input.length, "frames hold more bytes than the input");
            ByteArrayOutputStream again = new ByteArrayOutputStream();
            new FrameWriter(again).writeAndFlush(frame);
            byte[] reread = new FrameReader(new ByteArrayInputStream(again.toByteArray()), LIMITS.maxFrameBytes(), LIMITS.maxHeaderBytes()).read();
            check(Arrays.equals(frame, reread), "a frame does not survive writing and reading again");
        }
    }

    /**
     * The message decoder turns any frame into an envelope or a {@link ProtocolViolation} with code -32700 or
     * -32600; the arguments of a request or notification decode, for an untyped and a typed channel, into values
     * or a {@link ProtocolViolation} with -32602 (or -32600 for a limit). Nothing else escapes.
     */
    static void messageDecoder(byte[] frame) {
        Envelope message;
        try {
            message = WIRE.decode(frame);
        } catch (ProtocolViolation violation) {
            check(violation.code() == ErrorCodes.PARSE_ERROR || violation.code() == ErrorCodes.INVALID_REQUEST,
                    "envelope error code " + violation.code());
            check(violation.requestId() == null || violation.requestId() instanceof Long
                    || violation.requestId() instanceof String, "a request id is a Long or a String");
            return;
        }
        check(Utf8.firstInvalid(frame, 0, frame.length) < 0, "only UTF-8 bodies are decoded");
        check(message.type() != null, "an envelope has a type");
        Object id = message.id();
        check(id == null || id instanceof Long || id instanceof String, "a request id is a Long or a String");
        switch (message.type()) {
            case REQUEST, NOTIFICATION -> {
                check(message.method() != null, "a request has a method");
                readParams(WIRE.untyped(), message);
                readParams(WIRE.codec(TYPED), message);
                try {
                    Object cancelled = WIRE.cancelledId(message);
                    check(cancelled == null || cancelled instanceof Long || cancelled instanceof String,
                            "a cancelled id is a Long or a String");
                } catch (ProtocolViolation violation) {
                    check(violation.code() == ErrorCodes.INVALID_PARAMS, "cancel params error " + violation.code());
                }
            }
            case RESULT, ERROR -> check(message.method() == null, "a reply has no method");
        }
        if (message.type() == Envelope.Type.REQUEST || message.type() == Envelope.Type.NOTIFICATION) {
            try {
                Routing.Route route = ROUTING.readRoute(message);
                check(route.deadlineMillis() == 0
                        || (route.deadlineMillis() >= 1 && route.deadlineMillis() <= Routing.MAX_DEADLINE_MILLIS),
                        "a routed deadline is absent or within 1.." + Routing.MAX_DEADLINE_MILLIS);
            } catch (ProtocolViolation violation) {
                check(violation.code() == ErrorCodes.INVALID_PARAMS, "route params error " + violation.code());
            }
        }
    }

    private static void readParams(MethodCodec codec, Envelope message) {
        try {
            Object[] args = codec.readParams(message, WIRE.mapper());
            check(args != null, "arguments are an array");
            if (codec.method() != null) {
                check(args.length == codec.method().parameterTypes().size(), "typed arguments have the declared count");
                check(args[0] instanceof Integer, "a primitive int argument is never null");
            }
        } catch (ProtocolViolation violation) {
            check(violation.code() == ErrorCodes.INVALID_PARAMS || violation.code() == ErrorCodes.INVALID_REQUEST,
                    "params error code " + violation.code());
        }
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }
}
