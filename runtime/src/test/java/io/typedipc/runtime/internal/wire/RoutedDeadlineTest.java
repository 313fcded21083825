package io.typedipc.runtime.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.ErrorCodes;
import io.typedipc.runtime.IpcSettings;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code deadlineMillis} member of {@code $/routed} (docs/protocol.md, "Routing between renderers"): an integer
 * from 1 to 2^31-1, or absent; anything else is {@code -32602} naming the member, with the request's id.
 */
class RoutedDeadlineTest {
    private final WireFormat wire = new WireFormat(IpcSettings.defaultMapper());
    private final Routing routing = new Routing(IpcSettings.defaultMapper());

    private Envelope routed(String id, String deadlineMember) throws ProtocolViolation {
        String idMember = id == null ? "" : "\"id\":" + id + ",";
        return wire.decode(("{\"jsonrpc\":\"2.0\"," + idMember + "\"method\":\"$/routed\",\"params\":{"
                + "\"from\":{\"id\":2,\"name\":\"assets\"},\"method\":\"panel:show\",\"params\":[\"u\"]"
                + deadlineMember + "}}").getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "deadlineMillis: {0}")
    @ValueSource(strings = {"\"5000\"", "-1", "0", "1.5", "1e3", "5000.0", "2147483648", "9223372036854775807",
            "9223372036854775808", "-9223372036854775809", "10000000000000000000000000000000000000000", "null", "true", "[]", "[5000]",
            "{}", "{\"ms\":5000}"})
    void aMalformedDeadlineIsInvalidParamsWithTheRequestId(String value) throws Exception {
        Envelope message = routed("31", ",\"deadlineMillis\":" + value);
        ProtocolViolation refused = assertThrows(ProtocolViolation.class, () -> routing.readRouted(message));
        assertEquals(ErrorCodes.INVALID_PARAMS, refused.code());
        assertEquals(31L, refused.requestId());
        assertTrue(refused.getMessage().contains("deadlineMillis"), refused.getMessage());
    }

    @Test
    void aMalformedDeadlineMakesANotificationInvalidToo() throws Exception {
        Envelope message = routed(null, ",\"deadlineMillis\":\"soon\"");
        ProtocolViolation refused = assertThrows(ProtocolViolation.class, () -> routing.readRouted(message));
        assertEquals(ErrorCodes.INVALID_PARAMS, refused.code());
    }

    @Test
    void theDeadlineIsReadWithinItsRangeAndIsZeroWhenAbsent() throws Exception {
        assertEquals(1, routing.readRouted(routed("1", ",\"deadlineMillis\":1")).deadlineMillis());
        assertEquals(5000, routing.readRouted(routed("1", ",\"deadlineMillis\":5000")).deadlineMillis());
        assertEquals(Integer.MAX_VALUE,
                routing.readRouted(routed("1", ",\"deadlineMillis\":2147483647")).deadlineMillis());
        assertEquals(0, routing.readRouted(routed("1", "")).deadlineMillis(), "absent: no deadline known");
        // The member may come before the others, as main writes it.
        Envelope first = wire.decode(("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"$/routed\",\"params\":{"
                + "\"deadlineMillis\":250,\"from\":{\"id\":2,\"name\":\"assets\"},\"method\":\"panel:show\","
                + "\"params\":[]}}").getBytes(StandardCharsets.UTF_8));
        Routing.Routed read = routing.readRouted(first);
        assertEquals(250, read.deadlineMillis());
        assertEquals("panel:show", read.inner().method());
        assertEquals(0, routing.readRouted(routed(null, ",\"deadlineMillis\":5000")).deadlineMillis(),
                "a notification has no deadline");
    }

    @Test
    void whatMainWritesIsReadBack() throws Exception {
        Envelope inner = wire.decode(("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"panel:show\",\"params\":[\"u\"]}")
                .getBytes(StandardCharsets.UTF_8));
        for (long millis : new long[] {1, 30_000, Integer.MAX_VALUE, Long.MAX_VALUE}) {
            Envelope sent = wire.decode(routing.routed(44L, 2, "assets", inner, millis));
            assertEquals(Math.min(millis, Integer.MAX_VALUE), routing.readRouted(sent).deadlineMillis());
        }
    }
}
