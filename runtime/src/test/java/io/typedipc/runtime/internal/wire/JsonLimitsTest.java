package io.typedipc.runtime.internal.wire;

import io.typedipc.runtime.WireLimits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.typedipc.runtime.ErrorCodes;
import io.typedipc.runtime.IpcSettings;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.core.StreamReadConstraints;

/** Jackson's read constraints as the default mapper applies them to whole messages. */
class JsonLimitsTest {
    private final WireFormat wire = new WireFormat(IpcSettings.defaultMapper());

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theDefaultMapperCarriesTheDefaultLimits() {
        StreamReadConstraints constraints = IpcSettings.defaultMapper().tokenStreamFactory().streamReadConstraints();
        assertEquals(WireLimits.DEFAULT_MAX_NESTING_DEPTH, constraints.getMaxNestingDepth());
        assertEquals(WireLimits.DEFAULT_MAX_STRING_LENGTH, constraints.getMaxStringLength());
        assertEquals(WireLimits.DEFAULT_MAX_NUMBER_LENGTH, constraints.getMaxNumberLength());
        assertEquals(WireLimits.DEFAULT_MAX_NAME_LENGTH, constraints.getMaxNameLength());
        WireLimits mine = WireLimits.builder().maxNestingDepth(9).build();
        assertEquals(9, IpcSettings.builder().wireLimits(mine).build().mapper()
                .tokenStreamFactory().streamReadConstraints().getMaxNestingDepth());
    }

    @Test
    void tooDeepParamsAreRefusedWithTheRequestId() {
        String deep = "[".repeat(WireLimits.DEFAULT_MAX_NESTING_DEPTH + 10) + "]".repeat(WireLimits.DEFAULT_MAX_NESTING_DEPTH + 10);
        ProtocolViolation v = assertThrows(ProtocolViolation.class,
                () -> wire.decode(utf8("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"a:b\",\"params\":[" + deep + "]}")));
        assertEquals(ErrorCodes.INVALID_REQUEST, v.code());
        assertEquals(7L, v.requestId());
        // When the id comes after the breach it cannot be known: the reply's id is null.
        ProtocolViolation unknown = assertThrows(ProtocolViolation.class,
                () -> wire.decode(utf8("{\"jsonrpc\":\"2.0\",\"method\":\"a:b\",\"params\":[" + deep + "],\"id\":7}")));
        assertNull(unknown.requestId());
    }

    @Test
    void aHugeNumberIsRefused() {
        String digits = "9".repeat(WireLimits.DEFAULT_MAX_NUMBER_LENGTH + 1);
        ProtocolViolation v = assertThrows(ProtocolViolation.class,
                () -> wire.decode(utf8("{\"jsonrpc\":\"2.0\",\"id\":\"n\",\"method\":\"a:b\",\"params\":[" + digits + "]}")));
        assertEquals(ErrorCodes.INVALID_REQUEST, v.code());
        assertEquals("n", v.requestId());
    }

    @Test
    void aLongStringIsRefusedWhenTheArgumentsAreRead() throws ProtocolViolation {
        WireLimits small = WireLimits.builder().maxStringLength(100).build();
        WireFormat strict = new WireFormat(IpcSettings.defaultMapper(small));
        Envelope message = strict.decode(
                utf8("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"a:b\",\"params\":[\"" + "s".repeat(101) + "\"]}"));
        ProtocolViolation v = assertThrows(ProtocolViolation.class, () -> strict.untyped().readParams(message, strict.mapper()));
        assertEquals(ErrorCodes.INVALID_PARAMS, v.code());
        assertEquals(3L, v.requestId());
    }

    @Test
    void transportErrorsAreWellFormed() throws ProtocolViolation {
        Envelope error = wire.decode(WireFormat.transportError(null, ErrorCodes.INVALID_REQUEST, "too \"big\"\n"));
        assertEquals(Envelope.Type.ERROR, error.type());
        assertEquals(ErrorCodes.INVALID_REQUEST, error.errorCode());
        assertEquals("too \"big\"\n", error.errorMessage());
        assertNull(error.id());
    }
}
