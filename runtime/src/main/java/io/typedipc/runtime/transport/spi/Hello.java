package io.typedipc.runtime.transport.spi;

import io.typedipc.runtime.internal.wire.FrameReader;
import io.typedipc.runtime.internal.wire.FramingException;
import io.typedipc.runtime.internal.wire.JsonRpcCodes;
import io.typedipc.runtime.internal.wire.Utf8;
import io.typedipc.runtime.internal.wire.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Main's half of the {@code $/hello} handshake, for every transport whose renderers connect on their own (sockets,
 * WebSocket): the rules of docs/protocol.md, "Identity and connecting", in one place. A transport reads the first
 * message its way (a frame, a text message), {@linkplain #check checks} it, and then either attaches the renderer
 * with {@code IpcMain.attach(link, name, window, handle -> accepted.reply(handle.id(), handle.name()))} or sends
 * the refusal and closes. The renderer's name is checked by {@code attach} (its rules are the context's); a refused
 * attach is answered with {@link #refusal}.
 */
public final class Hello {
    /** The handshake's method. */
    public static final String METHOD = "$/hello";
    /** The protocol main names in its reply. */
    public static final String PROTOCOL = "typed-ipc/1";
    /** The most bytes a hello may have: a handshake is small, and an unauthenticated peer gets no more. */
    public static final int MAX_BYTES = 64 * 1024;
    /** The longest window name. */
    public static final int MAX_WINDOW_NAME_LENGTH = 128;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final byte[] expectedToken;

    /** Checks hellos against {@code token}, the secret main handed the renderer out of band. */
    public Hello(String token) {
        this.expectedToken = Objects.requireNonNull(token, "token").getBytes(StandardCharsets.UTF_8);
    }

    /** What {@link #check} decided: {@link Accepted} or {@link Refused}. */
    public sealed interface Outcome permits Accepted, Refused {}

    /**
     * A hello with the right token: the name the renderer asked for (not yet checked), its window ({@code null} if
     * it named none) and the id of the hello request.
     */
    public record Accepted(String name, String window, Object id) implements Outcome {
        /** The success reply, once main has attached the renderer with {@code rendererId} under {@code givenName}. */
        public byte[] reply(int rendererId, String givenName) {
            ObjectNode reply = JSON.createObjectNode().put("jsonrpc", "2.0");
            putId(reply, id);
            reply.set("result", JSON.createObjectNode().put("protocol", PROTOCOL).put("rendererId", rendererId)
                    .put("name", givenName));
            return JSON.writeValueAsBytes(reply);
        }

        /** The refusal to send when main would not attach the renderer ({@code attach} threw with {@code why}). */
        public byte[] refusal(String why) {
            return Hello.refusal(id, JsonRpcCodes.INVALID_REQUEST, why);
        }
    }

    /** A refused hello: the error reply to send ({@code "handshake refused: …"}) before closing the connection. */
    public record Refused(byte[] reply, String problem) implements Outcome {}

    /** Checks one hello message (its UTF-8 JSON body). Never throws for what the peer sent. */
    public Outcome check(byte[] message) {
        Objects.requireNonNull(message, "message");
        if (message.length > MAX_BYTES) {
            return refuse(null, JsonRpcCodes.INVALID_REQUEST, "the hello is longer than " + MAX_BYTES + " bytes");
        }
        if (Utf8.firstInvalid(message, 0, message.length) >= 0) {
            return refuse(null, JsonRpcCodes.PARSE_ERROR, "not UTF-8");
        }
        JsonNode hello;
        try {
            hello = JSON.readTree(message);
        } catch (JacksonException e) {
            return refuse(null, JsonRpcCodes.PARSE_ERROR, "invalid JSON");
        }
        JsonNode idNode = hello.path("id");
        Object id = idNode.isIntegralNumber() ? (Object) idNode.asLong() : idNode.isString() ? idNode.asString() : null;
        JsonNode params = hello.path("params");
        if (!"2.0".equals(hello.path("jsonrpc").asString(null)) || !METHOD.equals(hello.path("method").asString(null))
                || id == null) {
            return refuse(id, JsonRpcCodes.INVALID_REQUEST, "the first message must be a " + METHOD + " request");
        }
        JsonNode token = params.path("token");
        // Constant time: how much of a wrong token matched must not show in the time it takes to refuse it.
        if (!token.isString() || !MessageDigest.isEqual(expectedToken, token.asString().getBytes(StandardCharsets.UTF_8))) {
            return refuse(id, JsonRpcCodes.INVALID_REQUEST, "wrong or missing token");
        }
        if (!params.path("name").isString()) {
            return refuse(id, JsonRpcCodes.INVALID_REQUEST, "the renderer needs a name (a string)");
        }
        JsonNode window = params.get("window");
        if (window != null && !(window.isString() && isWindowName(window.asString()))) {
            return refuse(id, JsonRpcCodes.INVALID_REQUEST, "\"window\" must be a window name: a string of 1 to "
                    + MAX_WINDOW_NAME_LENGTH + " characters, not blank, without control characters");
        }
        return new Accepted(params.path("name").asString(), window == null ? null : window.asString(), id);
    }

    /**
     * Reads and checks the hello frame at the start of a byte stream ({@code Content-Length} framing), reading no byte
     * beyond it, so that a link can take the stream over afterwards. {@code null} at the end of the stream.
     */
    public Outcome read(InputStream in, int maxFrameBytes, int maxHeaderBytes) throws IOException {
        byte[] frame;
        try {
            frame = new FrameReader(in, Math.min(MAX_BYTES, maxFrameBytes), maxHeaderBytes).read();
        } catch (FramingException e) {
            return refuse(null, e.code(), e.getMessage());
        }
        return frame == null ? null : check(frame);
    }

    /** Whether {@code name} is a window name: 1 to 128 characters, not blank, without control characters. */
    public static boolean isWindowName(String name) {
        return name != null && !name.isBlank() && name.length() <= MAX_WINDOW_NAME_LENGTH
                && name.chars().noneMatch(Character::isISOControl);
    }

    /** An error reply {@code "handshake refused: <why>"} to the hello with {@code id} ({@code null} if unknown). */
    public static byte[] refusal(Object id, int code, String why) {
        return WireFormat.transportError(id, code, "handshake refused: " + why);
    }

    private static Refused refuse(Object id, int code, String problem) {
        return new Refused(refusal(id, code, problem), problem);
    }

    private static void putId(ObjectNode reply, Object id) {
        if (id instanceof Long number) {
            reply.put("id", number);
        } else {
            reply.put("id", (String) id);
        }
    }
}
