package io.typedipc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Each setter of {@link WireLimits.Builder} at its exact boundary: the smallest value accepted (and kept), one below
 * refused with a message naming the setting; and the two queue bounds that {@link WireLimits.Builder#build()} checks
 * against the frame limit.
 */
class WireLimitsTest {

    @Test
    void eachIntegerLimitAcceptsItsMinimumAndRefusesOneBelow() {
        assertBoundary("maxFrameBytes", 1, WireLimits.Builder::maxFrameBytes, WireLimits::maxFrameBytes);
        assertBoundary("maxHeaderBytes", 64, WireLimits.Builder::maxHeaderBytes, WireLimits::maxHeaderBytes);
        assertBoundary("maxNestingDepth", 4, WireLimits.Builder::maxNestingDepth, WireLimits::maxNestingDepth);
        assertBoundary("maxStringLength", 1, WireLimits.Builder::maxStringLength, WireLimits::maxStringLength);
        assertBoundary("maxNumberLength", 1, WireLimits.Builder::maxNumberLength, WireLimits::maxNumberLength);
        assertBoundary("maxNameLength", 1, WireLimits.Builder::maxNameLength, WireLimits::maxNameLength);
        assertBoundary("maxRequestsInFlight", 1, WireLimits.Builder::maxRequestsInFlight,
                WireLimits::maxRequestsInFlight);
    }

    private interface IntSetter {
        WireLimits.Builder set(WireLimits.Builder builder, int value);
    }

    private static void assertBoundary(String name, int minimum, IntSetter setter, Function<WireLimits, Integer> getter) {
        WireLimits atMinimum = setter.set(WireLimits.builder(), minimum).build();
        assertEquals(minimum, getter.apply(atMinimum), name);
        assertEquals(minimum, getter.apply(atMinimum.toBuilder().build()), name + " kept by toBuilder()");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> setter.set(WireLimits.builder(), minimum - 1), name);
        assertTrue(e.getMessage().startsWith(name + " must be "), e.getMessage());
        assertTrue(e.getMessage().endsWith("was " + (minimum - 1)), e.getMessage());
    }

    @Test
    void theQueueBoundsArePositiveAndAtLeastTheFrameLimit() {
        WireLimits one = WireLimits.builder().maxFrameBytes(1).maxQueuedOutgoingBytes(1).maxQueuedIncomingBytes(1).build();
        assertEquals(1, one.maxQueuedOutgoingBytes());
        assertEquals(1, one.maxQueuedIncomingBytes());
        IllegalArgumentException outgoing = assertThrows(IllegalArgumentException.class,
                () -> WireLimits.builder().maxQueuedOutgoingBytes(0));
        assertEquals("maxQueuedOutgoingBytes must be positive, was 0", outgoing.getMessage());
        IllegalArgumentException incoming = assertThrows(IllegalArgumentException.class,
                () -> WireLimits.builder().maxQueuedIncomingBytes(0));
        assertEquals("maxQueuedIncomingBytes must be positive, was 0", incoming.getMessage());

        // Equal to the frame limit is enough; one byte less is refused when built, naming both values.
        WireLimits equal = WireLimits.builder().maxFrameBytes(1000).maxQueuedOutgoingBytes(1000)
                .maxQueuedIncomingBytes(1000).build();
        assertEquals(1000, equal.maxQueuedOutgoingBytes());
        assertEquals(1000, equal.maxQueuedIncomingBytes());
        IllegalArgumentException smallIncoming = assertThrows(IllegalArgumentException.class,
                () -> WireLimits.builder().maxFrameBytes(1000).maxQueuedIncomingBytes(999).build());
        assertEquals("maxQueuedIncomingBytes (999) must be at least maxFrameBytes (1000)", smallIncoming.getMessage());
        IllegalArgumentException smallOutgoing = assertThrows(IllegalArgumentException.class,
                () -> WireLimits.builder().maxFrameBytes(1000).maxQueuedOutgoingBytes(999).build());
        assertEquals("maxQueuedOutgoingBytes (999) must be at least maxFrameBytes (1000)", smallOutgoing.getMessage());
        assertEquals(WireLimits.DEFAULT_MAX_QUEUED_INCOMING_BYTES, WireLimits.defaults().maxQueuedIncomingBytes());
        WireLimits set = WireLimits.builder().maxQueuedIncomingBytes(123_456_789).maxQueuedOutgoingBytes(234_567_890)
                .build().toBuilder().build();
        assertEquals(123_456_789, set.maxQueuedIncomingBytes());
        assertEquals(234_567_890, set.maxQueuedOutgoingBytes());
    }

    @Test
    void theDurationsAcceptTheirSmallestValueAndRefuseZero() {
        assertEquals(Duration.ofNanos(1), WireLimits.builder().sendStallTimeout(Duration.ofNanos(1)).build()
                .sendStallTimeout());
        assertThrows(IllegalArgumentException.class, () -> WireLimits.builder().sendStallTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> WireLimits.builder().sendStallTimeout(Duration.ofNanos(-1)));
        assertEquals(Duration.ofMillis(1), WireLimits.builder().maxPeerDeadline(Duration.ofMillis(1)).build()
                .maxPeerDeadline());
        assertEquals(Duration.ofMillis(Integer.MAX_VALUE), WireLimits.builder()
                .maxPeerDeadline(Duration.ofMillis(Integer.MAX_VALUE)).build().maxPeerDeadline());
        assertThrows(IllegalArgumentException.class,
                () -> WireLimits.builder().maxPeerDeadline(Duration.ofMillis(1).minusNanos(1)));
        assertThrows(IllegalArgumentException.class,
                () -> WireLimits.builder().maxPeerDeadline(Duration.ofMillis(Integer.MAX_VALUE).plusNanos(1)));
    }
}
