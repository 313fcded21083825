package io.typedipc.runtime.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.typedipc.runtime.ErrorCodes;
import io.typedipc.runtime.IpcSettings;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The id shapes {@code $/cancelRequest} names (docs/protocol.md, "Cancellation"): an integer or a string id in object
 * params is the request to cancel; anything else names none ({@code null}: the caller ignores it), and params that
 * are not an object are malformed (the caller ignores that too: it is a notification).
 */
class CancelledIdTest {
    private final WireFormat wire = new WireFormat(IpcSettings.defaultMapper());

    /** The id named by a {@code $/cancelRequest} whose params member is {@code params} (absent when null). */
    private Object cancelled(String params) throws ProtocolViolation {
        String frame = "{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\"" + (params == null ? "" : ",\"params\":" + params)
                + ",\"x\":0}";
        Envelope message = wire.decode(frame.getBytes(StandardCharsets.UTF_8));
        assertEquals(Envelope.Type.NOTIFICATION, message.type());
        return wire.cancelledId(message);
    }

    @Test
    void anIntegerOrAStringIdIsTheRequestToCancel() throws ProtocolViolation {
        assertEquals(17L, cancelled("{\"id\":17}"));
        assertEquals(-3L, cancelled("{\"id\":-3}"));
        assertEquals(9007199254740993L, cancelled("{\"id\":9007199254740993}"));
        assertEquals("req-17", cancelled("{\"id\":\"req-17\"}"));
        assertEquals("", cancelled("{\"id\":\"\"}"));
        // Other members, before or after, and whatever they hold, are skipped.
        assertEquals(5L, cancelled("{\"reason\":\"user\",\"id\":5}"));
        assertEquals(5L, cancelled("{\"id\":5,\"extra\":{\"id\":6,\"more\":[{\"id\":7}]}}"));
        assertEquals(5L, cancelled("{\"before\":[1,{\"id\":2}],\"id\":5}"));
    }

    @Test
    void anyOtherShapeNamesNoRequest() throws ProtocolViolation {
        assertNull(cancelled(null));
        assertNull(cancelled("{}"));
        assertNull(cancelled("{\"ID\":17}"));
        assertNull(cancelled("{\"id\":1.5}"));
        assertNull(cancelled("{\"id\":1e2}"));
        assertNull(cancelled("{\"id\":null}"));
        assertNull(cancelled("{\"id\":true}"));
        assertNull(cancelled("{\"id\":[17]}"));
        // An object as the id is not looked into: its own "id" member names nothing.
        assertNull(cancelled("{\"id\":{\"id\":17}}"));
        assertNull(cancelled("{\"other\":{\"id\":17}}"));
    }

    @Test
    void paramsThatAreNotAnObjectOrAnIdTooLargeForALongAreMalformed() {
        for (String params : new String[] {"[17]", "[]", "[{\"id\":17}]", "{\"id\":99999999999999999999}"}) {
            ProtocolViolation v = assertThrows(ProtocolViolation.class, () -> cancelled(params), params);
            assertEquals(ErrorCodes.INVALID_PARAMS, v.code(), params);
            assertNull(v.requestId(), params);
        }
    }
}
