package io.typedipc.websocket;

import io.typedipc.runtime.ErrorCodes;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.WireLimits;
import io.typedipc.runtime.internal.wire.WireFormat;
import io.typedipc.runtime.transport.SocketTransport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Main's half of the {@code $/hello} handshake on a WebSocket: the same request and replies as on sockets
 * (docs/protocol.md, "Identity and connecting"), carried as the first text message instead of the first frame.
 */
final class HelloCheck {
    private static final JsonMapper JSON = WireLimits.defaults().mapperBuilder().build();

    /**
     * The outcome: the renderer's name, its window ({@code null} if it named none) and the success reply, or the
     * refusal to send before closing.
     */
    record Outcome(String name, String window, byte[] reply, byte[] refusal) {
        boolean accepted() {
            return name != null;
        }
    }

    private final byte[] expectedToken;

    HelloCheck(String token) {
        this.expectedToken = token.getBytes(StandardCharsets.UTF_8);
    }

    Outcome check(byte[] message) {
        JsonNode hello;
        try {
            hello = JSON.readTree(message);
        } catch (JacksonException e) {
            return refuse(null, ErrorCodes.PARSE_ERROR, "invalid JSON");
        }
        JsonNode idNode = hello.path("id");
        Object id = idNode.isIntegralNumber() ? (Object) idNode.asLong() : idNode.isString() ? idNode.asString() : null;
        JsonNode params = hello.path("params");
        if (!"2.0".equals(hello.path("jsonrpc").asString(null))
                || !SocketTransport.HELLO_METHOD.equals(hello.path("method").asString(null)) || id == null) {
            return refuse(id, ErrorCodes.INVALID_REQUEST, "the first message must be a " + SocketTransport.HELLO_METHOD
                    + " request");
        }
        JsonNode token = params.path("token");
        // Constant time: how much of a wrong token matched must not show in the time to refuse it.
        if (!token.isString() || !MessageDigest.isEqual(expectedToken, token.asString().getBytes(StandardCharsets.UTF_8))) {
            return refuse(id, ErrorCodes.INVALID_REQUEST, "wrong or missing token");
        }
        JsonNode name = params.path("name");
        if (!name.isString() || name.asString().isBlank()) {
            return refuse(id, ErrorCodes.INVALID_REQUEST, "the renderer needs a name");
        }
        JsonNode window = params.get("window");
        if (window != null && !validWindow(window)) {
            return refuse(id, ErrorCodes.INVALID_REQUEST, "\"window\" must be a window name: a string of 1 to 128"
                    + " characters, not blank, without control characters");
        }
        ObjectNode reply = JSON.createObjectNode().put("jsonrpc", "2.0");
        if (id instanceof Long number) {
            reply.put("id", number);
        } else {
            reply.put("id", (String) id);
        }
        reply.set("result", JSON.createObjectNode().put("protocol", SocketTransport.PROTOCOL));
        return new Outcome(name.asString(), window == null ? null : window.asString(), JSON.writeValueAsBytes(reply), null);
    }

    private static boolean validWindow(JsonNode window) {
        if (!window.isString()) {
            return false;
        }
        try {
            IpcSettings.checkWindowName(window.asString());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static Outcome refuse(Object id, int code, String problem) {
        return new Outcome(null, null, null, WireFormat.transportError(id, code, "handshake refused: " + problem));
    }
}
