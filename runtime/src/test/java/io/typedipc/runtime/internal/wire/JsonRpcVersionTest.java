package io.typedipc.runtime.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.typedipc.runtime.ErrorCodes;
import io.typedipc.runtime.IpcSettings;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code "jsonrpc"} must be exactly {@code "2.0"}: the decoder compares it without making a String, and any other
 * value — of three characters too — is {@code -32600} with the request's id.
 */
class JsonRpcVersionTest {
    private final WireFormat wire = new WireFormat(IpcSettings.defaultMapper());

    private Envelope decode(String version) throws ProtocolViolation {
        return wire.decode(("{\"jsonrpc\":" + version + ",\"id\":3,\"method\":\"a:b\",\"params\":[]}")
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void onlyTwoPointZeroIsAccepted() throws ProtocolViolation {
        assertEquals("a:b", decode("\"2.0\"").method());
        assertEquals("a:b", decode("\"\\u0032.0\"").method());
        for (String version : new String[] {"\"3.0\"", "\"2x0\"", "\"2.1\"", "\"1.0\"", "\"2.00\"", "\"20\"", "\"2.\"",
                "\"\"", "2.0", "2", "null"}) {
            ProtocolViolation v = assertThrows(ProtocolViolation.class, () -> decode(version), version);
            assertEquals(ErrorCodes.INVALID_REQUEST, v.code(), version);
            assertEquals(3L, v.requestId(), version);
        }
    }
}
