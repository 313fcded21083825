package io.typedipc.runtime.internal.wire;

import io.typedipc.runtime.WireLimits;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectMapper;

/**
 * The three reserved methods that carry renderer-to-renderer traffic through main (docs/protocol.md, "Routing"):
 *
 * <ul>
 *   <li>{@code $/route} — renderer to main, request or notification:
 *       {@code {"to": <renderer id | renderer name>, "method": <channel>, "params": [...], "deadlineMillis": <n>}}
 *       ({@code deadlineMillis} is optional, requests only).</li>
 *   <li>{@code $/broadcast} — renderer to main, notification only:
 *       {@code {"method": <channel>, "params": [...], "excludeSender": <bool>, "includeMain": <bool>,
 *       "window": <name>?}}
 *       (both flags optional, default {@code false}).</li>
 *   <li>{@code $/routed} — main to the target renderer, request or notification:
 *       {@code {"from": {"id": <n>, "name": <string>}, "method": <channel>, "params": [...]}}.</li>
 * </ul>
 *
 * Main copies the inner {@code params} bytes as they are, without decoding them, and relays the target's reply with
 * the origin's request id, again copying {@code result} or {@code error} as they are. Thread-safe.
 */
public final class Routing {

    /** Renderer to main: deliver the inner message to one other renderer. */
    public static final String ROUTE_METHOD = "$/route";
    /** Renderer to main: deliver the inner one-way message to every renderer (and optionally main). */
    public static final String BROADCAST_METHOD = "$/broadcast";
    /** Main to a renderer: a message that another renderer sent through main. */
    public static final String ROUTED_METHOD = "$/routed";

    /**
     * A decoded {@code $/route} or {@code $/broadcast}: where it goes, and the inner message (an {@link Envelope} of
     * the origin's type and id whose params are the inner params, in the same frame).
     *
     * @param to a {@code Long} renderer id or a {@code String} renderer name; {@code null} for broadcasts
     * @param deadlineMillis the origin's deadline for a request, or 0 when it sent none
     */
    public record Route(Object to, Envelope inner, long deadlineMillis, boolean excludeSender, boolean includeMain,
            String window) {}

    /**
     * The largest {@code deadlineMillis} a {@code $/route} may carry: 2^31-1 ms (about 24.8 days, the longest timer a
     * JavaScript peer can set). Main also waits no longer than its own {@code WireLimits.maxPeerDeadline()}.
     */
    public static final long MAX_DEADLINE_MILLIS = Integer.MAX_VALUE;

    /** A decoded {@code $/routed}: who sent it first, and the inner message carrying the outer id. */
    public record Routed(int fromId, String fromName, Envelope inner, long deadlineMillis) {}

    private final ObjectMapper mapper;
    private final tools.jackson.core.ObjectWriteContext writing;

    public Routing(ObjectMapper mapper) {
        this.mapper = mapper;
        this.writing = StreamContexts.writing(mapper);
    }

    // ------------------------------------------------------------------------------------------------ encoding

    /** A {@code $/route} request ({@code id} not {@code null}) or notification to renderer {@code to}. */
    public byte[] route(Long id, Object to, String channel, MethodCodec codec, Object[] args, long deadlineMillis) {
        return frame(id, ROUTE_METHOD, g -> {
            if (to instanceof Number number) {
                g.writeNumberProperty("to", number.longValue());
            } else {
                g.writeStringProperty("to", String.valueOf(to));
            }
            g.writeStringProperty("method", channel);
            g.writeName("params");
            codec.writeParams(g, args);
            if (id != null && deadlineMillis > 0) {
                g.writeNumberProperty("deadlineMillis", Math.min(deadlineMillis, MAX_DEADLINE_MILLIS));
            }
        });
    }

    /** A {@code $/broadcast} notification. */
    public byte[] broadcast(String channel, MethodCodec codec, Object[] args, boolean excludeSender, boolean includeMain) {
        return broadcast(channel, codec, args, excludeSender, includeMain, null);
    }

    /** A {@code $/broadcast} notification to the renderers of one window ({@code window} not {@code null}), or all. */
    public byte[] broadcast(String channel, MethodCodec codec, Object[] args, boolean excludeSender, boolean includeMain,
            String window) {
        return frame(null, BROADCAST_METHOD, g -> {
            g.writeStringProperty("method", channel);
            g.writeName("params");
            codec.writeParams(g, args);
            g.writeBooleanProperty("excludeSender", excludeSender);
            g.writeBooleanProperty("includeMain", includeMain);
            if (window != null) {
                g.writeStringProperty("window", window);
            }
        });
    }

    /**
     * The {@code $/routed} message main sends to the target: the inner message of {@code route} with the origin's
     * identity; a request when {@code id} is not {@code null}, then with how long main waits for its answer
     * ({@code deadlineMillis}, from 1 to {@value #MAX_DEADLINE_MILLIS}; 0 leaves it out).
     */
    public byte[] routed(Long id, int fromId, String fromName, Envelope inner, long deadlineMillis) {
        return frame(id, ROUTED_METHOD, g -> {
            if (id != null && deadlineMillis > 0) {
                g.writeNumberProperty("deadlineMillis", Math.min(deadlineMillis, MAX_DEADLINE_MILLIS));
            }
            g.writeName("from");
            g.writeStartObject();
            g.writeNumberProperty("id", fromId);
            g.writeStringProperty("name", fromName);
            g.writeEndObject();
            g.writeStringProperty("method", inner.method);
            g.writeName("params");
            if (inner.hasValue()) {
                g.writeRawValue(new String(inner.frame, inner.valueStart, inner.valueEnd - inner.valueStart,
                        StandardCharsets.UTF_8));
            } else {
                g.writeStartArray();
                g.writeEndArray();
            }
        });
    }

    /** The target's reply to a {@code $/routed} request, re-addressed to the origin's request {@code originId}. */
    public byte[] relay(Object originId, Envelope reply) {
        return frame(null, null, g -> {
            WireFormat.writeId(g, originId);
            if (reply.type == Envelope.Type.RESULT) {
                g.writeName("result");
                writeRaw(g, reply);
            } else {
                g.writeName("error");
                g.writeStartObject();
                g.writeNumberProperty("code", reply.errorCode);
                g.writeStringProperty("message", reply.errorMessage == null ? "" : reply.errorMessage);
                if (reply.hasValue()) {
                    g.writeName("data");
                    writeRaw(g, reply);
                }
                g.writeEndObject();
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ decoding

    /** Reads the params of a {@code $/route} or {@code $/broadcast} message. */
    public Route readRoute(Envelope message) throws ProtocolViolation {
        Object[] to = {null};
        long[] deadline = {0};
        boolean[] flags = {false, false, false};
        String[] window = {null};
        Envelope inner = readWrapped(message, (name, p) -> {
            switch (name) {
                case "to" -> {
                    if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                        to[0] = p.getLongValue();
                    } else if (p.currentToken() == JsonToken.VALUE_STRING) {
                        to[0] = p.getString();
                    } else {
                        p.skipChildren();
                    }
                }
                case "deadlineMillis" -> deadline[0] = readDeadlineMillis(p);
                case "excludeSender" -> flags[0] = p.currentToken() == JsonToken.VALUE_TRUE;
                case "includeMain" -> flags[1] = p.currentToken() == JsonToken.VALUE_TRUE;
                case "window" -> {
                    if (p.currentToken() == JsonToken.VALUE_STRING) {
                        window[0] = p.getString();
                    } else {
                        flags[2] = true; // not a string: refused below
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        });
        if (ROUTE_METHOD.equals(message.method) && to[0] == null) {
            throw new ProtocolViolation(JsonRpcCodes.INVALID_PARAMS,
                    ROUTE_METHOD + " needs \"to\": a renderer id (integer) or name (string)", message.id);
        }
        if (deadline[0] < 0) {
            throw new ProtocolViolation(JsonRpcCodes.INVALID_PARAMS, message.method + ": \"deadlineMillis\" must be an "
                    + "integer from 1 to " + MAX_DEADLINE_MILLIS + " (milliseconds)", message.id);
        }
        if (flags[2]) {
            throw new ProtocolViolation(JsonRpcCodes.INVALID_PARAMS, message.method + ": \"window\" must be a string",
                    message.id);
        }
        return new Route(to[0], inner, deadline[0], flags[0], flags[1], window[0]);
    }

    /**
     * A {@code deadlineMillis} member: an integer from 1 to {@link #MAX_DEADLINE_MILLIS}, or -1 when it is anything
     * else (another type, a fraction, zero, negative, too large: even a long-range value would overflow later).
     */
    static long readDeadlineMillis(JsonParser p) {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            p.skipChildren();
            return -1;
        }
        long millis = p.getLongValue();
        return millis >= 1 && millis <= MAX_DEADLINE_MILLIS ? millis : -1;
    }

    /** Reads the params of a {@code $/routed} message. */
    public Routed readRouted(Envelope message) throws ProtocolViolation {
        long[] fromId = {-1};
        String[] fromName = {null};
        long[] deadlineMillis = {0};
        Envelope inner = readWrapped(message, (name, p) -> {
            if ("deadlineMillis".equals(name)) {
                deadlineMillis[0] = readDeadlineMillis(p);
            } else if ("from".equals(name) && p.currentToken() == JsonToken.START_OBJECT) {
                String field;
                while ((field = p.nextName()) != null) {
                    JsonToken token = p.nextToken();
                    if ("id".equals(field) && token == JsonToken.VALUE_NUMBER_INT) {
                        fromId[0] = p.getLongValue();
                    } else if ("name".equals(field) && token == JsonToken.VALUE_STRING) {
                        fromName[0] = p.getString();
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                p.skipChildren();
            }
        });
        if (fromId[0] < 0 || fromId[0] > Integer.MAX_VALUE) {
            throw new ProtocolViolation(JsonRpcCodes.INVALID_PARAMS,
                    ROUTED_METHOD + " needs \"from\": {\"id\": <renderer id>, \"name\": ...}", message.id);
        }
        if (deadlineMillis[0] < 0) {
            throw new ProtocolViolation(JsonRpcCodes.INVALID_PARAMS, ROUTED_METHOD + ": \"deadlineMillis\" must be an"
                    + " integer from 1 to " + MAX_DEADLINE_MILLIS, message.id);
        }
        return new Routed((int) fromId[0], fromName[0] == null ? "" : fromName[0], inner,
                message.type == Envelope.Type.REQUEST ? deadlineMillis[0] : 0);
    }

    @FunctionalInterface
    private interface MemberReader {
        void read(String name, JsonParser p);
    }

    /** Reads an object-valued params with an inner {@code method} and {@code params}; other members go to {@code others}. */
    private Envelope readWrapped(Envelope message, MemberReader others) throws ProtocolViolation {
        if (!message.hasValue()) {
            throw new ProtocolViolation(JsonRpcCodes.INVALID_PARAMS, message.method + " needs its params", message.id);
        }
        String method = null;
        int innerStart = -1;
        int innerEnd = -1;
        try (JsonParser p = mapper.createParser(message.frame, message.valueStart, message.valueEnd - message.valueStart)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ProtocolViolation(JsonRpcCodes.INVALID_PARAMS, message.method + " takes an object as params", message.id);
            }
            // Offsets are counted from the start of the parsed range; the object starts exactly at valueStart.
            long base = message.valueStart - p.currentTokenLocation().getByteOffset();
            String name;
            while ((name = p.nextName()) != null) {
                JsonToken token = p.nextToken();
                if ("method".equals(name)) {
                    if (token != JsonToken.VALUE_STRING) {
                        throw new ProtocolViolation(JsonRpcCodes.INVALID_PARAMS,
                                message.method + ": \"method\" must be a string", message.id);
                    }
                    method = p.getString();
                } else if ("params".equals(name)) {
                    if (token != JsonToken.START_ARRAY && token != JsonToken.START_OBJECT) {
                        throw new ProtocolViolation(JsonRpcCodes.INVALID_PARAMS,
                                message.method + ": \"params\" must be an array or an object", message.id);
                    }
                    innerStart = (int) (base + p.currentTokenLocation().getByteOffset());
                    p.skipChildren();
                    innerEnd = (int) (base + p.currentLocation().getByteOffset());
                } else {
                    others.read(name, p);
                }
            }
        } catch (JacksonException e) {
            throw new ProtocolViolation(JsonRpcCodes.INVALID_PARAMS, message.method + ": " + e.getOriginalMessage(), message.id);
        }
        // Of the protocol's own methods only $/ping may be routed: a renderer checks another renderer through main.
        if (method == null || method.isEmpty() || method.startsWith("$/") && !WireFormat.PING_METHOD.equals(method)) {
            throw new ProtocolViolation(JsonRpcCodes.INVALID_PARAMS,
                    message.method + " needs \"method\": the channel id of the inner message", message.id);
        }
        return new Envelope(message.frame, message.type, message.id, method, innerStart, innerEnd, 0, null);
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    private static void writeRaw(JsonGenerator g, Envelope reply) {
        if (reply.hasValue()) {
            g.writeRawValue(new String(reply.frame, reply.valueStart, reply.valueEnd - reply.valueStart, StandardCharsets.UTF_8));
        } else {
            g.writeNull();
        }
    }

    private byte[] frame(Long id, String method, Consumer<JsonGenerator> params) {
        return MessageBytes.encode(writing, g -> {
            g.writeStartObject();
            g.writeStringProperty("jsonrpc", "2.0");
            if (method == null) {
                params.accept(g);
            } else {
                if (id != null) {
                    g.writeNumberProperty("id", id);
                }
                g.writeStringProperty("method", method);
                g.writeName("params");
                g.writeStartObject();
                params.accept(g);
                g.writeEndObject();
            }
            g.writeEndObject();
        });
    }
}
