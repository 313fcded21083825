package io.typedipc.runtime.internal.wire;

import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.codegen.TaggedUnion;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON-RPC 2.0 encoding of Typed IPC messages for one {@link ObjectMapper}: writes requests, notifications and
 * replies as UTF-8 JSON frames, decodes envelopes, and keeps each method's {@link MethodCodec}, built once.
 * docs/protocol.md specifies the format. Thread-safe.
 */
public final class WireFormat {

    /** The LSP's cancellation notification; its params are {@code {"id": <request id>}}. */
    public static final String CANCEL_METHOD = "$/cancelRequest";
    /**
     * The optional member of a request that says how many milliseconds are left of its caller's deadline as it is
     * written (relative, as gRPC's {@code grpc-timeout}: the two ends' clocks need not agree). docs/protocol.md.
     */
    public static final String DEADLINE_MEMBER = "deadlineMillis";

    /** The health check: a request any Typed IPC runtime answers itself with an empty object (docs/protocol.md). */
    public static final String PING_METHOD = "$/ping";

    private static final ObjectWriteContext PLAIN = StreamContexts.writing(JsonMapper.builder().build());

    private final ObjectMapper mapper;
    private final ObjectReadContext reading;
    private final ObjectWriteContext writing;
    private final JsonRpcDecoder decoder;
    private final MethodCodec untyped;
    private final Map<MethodDescriptor<?>, MethodCodec> codecs = new ConcurrentHashMap<>();
    /** Copies of the mapper that know some tagged unions, by the set of unions (usually one per interface). */
    private final Map<Set<TaggedUnion>, ObjectMapper> unionMappers = new ConcurrentHashMap<>();

    public WireFormat(ObjectMapper mapper) {
        this.mapper = mapper;
        this.reading = StreamContexts.reading(mapper);
        this.writing = StreamContexts.writing(mapper);
        this.decoder = new JsonRpcDecoder(mapper);
        this.untyped = MethodCodec.untyped(mapper);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** The codec of a typed method, prepared on first use and kept. */
    public MethodCodec codec(MethodDescriptor<?> method) {
        MethodCodec codec = codecs.get(method);
        return codec != null ? codec : codecs.computeIfAbsent(method, m -> MethodCodec.typed(m, mapperFor(m)));
    }

    /** The mapper for a method's values: this one, or a copy that also knows the tagged unions the method reaches. */
    private ObjectMapper mapperFor(MethodDescriptor<?> method) {
        if (method.unions().isEmpty()) {
            return mapper;
        }
        return unionMappers.computeIfAbsent(method.unions(), unions -> TaggedUnions.derive(mapper, unions));
    }

    /** The codec of untyped (Electron-style) calls. */
    public MethodCodec untyped() {
        return untyped;
    }

    public Envelope decode(byte[] frame) throws ProtocolViolation {
        return decoder.decode(frame);
    }

    /**
     * The id a {@code $/cancelRequest} notification names ({@code params: {"id": ...}}): a {@code Long}, a
     * {@code String}, or {@code null} when it names none.
     */
    public Object cancelledId(Envelope message) throws ProtocolViolation {
        if (!message.hasValue()) {
            return null;
        }
        try (JsonParser p = reading.createParser(message.frame, message.valueStart, message.valueEnd - message.valueStart)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ProtocolViolation(JsonRpcCodes.INVALID_PARAMS, CANCEL_METHOD + " takes {\"id\": ...}", null);
            }
            Object id = null;
            String name;
            while ((name = p.nextName()) != null) {
                JsonToken token = p.nextToken();
                if ("id".equals(name) && token == JsonToken.VALUE_NUMBER_INT) {
                    id = p.getLongValue();
                } else if ("id".equals(name) && token == JsonToken.VALUE_STRING) {
                    id = p.getString();
                } else {
                    p.skipChildren();
                }
            }
            return id;
        } catch (JacksonException e) {
            throw new ProtocolViolation(JsonRpcCodes.INVALID_PARAMS, CANCEL_METHOD + ": " + e.getOriginalMessage(), null);
        }
    }

    /** A request that carries no deadline (a {@code $/ping}: no handler sees it). */
    public byte[] request(long id, String channel, MethodCodec codec, Object[] args) {
        return request(id, channel, codec, args, 0);
    }

    /**
     * A request; {@code deadlineMillis}, when positive, is sent as the member {@value #DEADLINE_MEMBER}: what is left
     * of the caller's deadline as the request is written (capped at {@link Routing#MAX_DEADLINE_MILLIS}).
     */
    public byte[] request(long id, String channel, MethodCodec codec, Object[] args, long deadlineMillis) {
        return frame(g -> {
            g.writeNumberProperty("id", id);
            g.writeStringProperty("method", channel);
            if (deadlineMillis > 0) {
                g.writeNumberProperty(DEADLINE_MEMBER, Math.min(deadlineMillis, Routing.MAX_DEADLINE_MILLIS));
            }
            g.writeName("params");
            codec.writeParams(g, args);
        });
    }

    public byte[] notification(String channel, MethodCodec codec, Object[] args) {
        return frame(g -> {
            g.writeStringProperty("method", channel);
            g.writeName("params");
            codec.writeParams(g, args);
        });
    }

    /** {@code $/cancelRequest} for one of our own requests. */
    public byte[] cancel(long id) {
        return frame(g -> {
            g.writeStringProperty("method", CANCEL_METHOD);
            g.writeName("params");
            g.writeStartObject();
            g.writeNumberProperty("id", id);
            g.writeEndObject();
        });
    }

    public byte[] result(Object id, MethodCodec codec, Object value) {
        return frame(g -> {
            writeId(g, id);
            g.writeName("result");
            codec.writeResult(g, value);
        });
    }

    /**
     * An error reply. {@code type} (the failing exception's class) and {@code stackTrace} go in {@code error.data}
     * when not {@code null}; with neither, {@code data} is left out.
     */
    public byte[] error(Object id, int code, String message, String type, String stackTrace) {
        return frame(g -> {
            writeId(g, id);
            g.writeName("error");
            g.writeStartObject();
            g.writeNumberProperty("code", code);
            g.writeStringProperty("message", message == null ? "" : message);
            if (type != null || stackTrace != null) {
                g.writeName("data");
                g.writeStartObject();
                if (type != null) {
                    g.writeStringProperty("type", type);
                }
                if (stackTrace != null) {
                    g.writeStringProperty("stackTrace", stackTrace);
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        });
    }

    /**
     * An error reply written without any mapper, for transports that refuse a frame before it reaches a context
     * (a frame over the size limit, a broken header, a refused handshake). {@code id} is a {@code Long}, a
     * {@code String} or {@code null}.
     */
    public static byte[] transportError(Object id, int code, String message) {
        return MessageBytes.encode(PLAIN, g -> {
            g.writeStartObject();
            g.writeStringProperty("jsonrpc", "2.0");
            writeId(g, id);
            g.writeName("error");
            g.writeStartObject();
            g.writeNumberProperty("code", code);
            g.writeStringProperty("message", message == null ? "" : message);
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /** Writes one message object: the {@code jsonrpc} member, then {@code members}. */
    private byte[] frame(Consumer<JsonGenerator> members) {
        return MessageBytes.encode(writing, g -> {
            g.writeStartObject();
            g.writeStringProperty("jsonrpc", "2.0");
            members.accept(g);
            g.writeEndObject();
        });
    }

    /** Writes the {@code id} member: a number, a string or {@code null}, as the request had it. */
    static void writeId(JsonGenerator g, Object id) {
        g.writeName("id");
        if (id instanceof Long number) {
            g.writeNumber(number);
        } else if (id instanceof String text) {
            g.writeString(text);
        } else {
            g.writeNull();
        }
    }
}
