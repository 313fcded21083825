package io.typedipc.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The rules of a routing policy: names or any, a channel, a package of channels, or any. */
class RoutingPolicyTest {

    @Test
    void rulesMatchNamesAndChannelPatterns() {
        RoutingPolicy policy = RoutingPolicy.builder()
                .allow("inspector", "assets", "panel:selection")
                .allow("*", "inspector", "inspector:*")
                .build();
        assertTrue(policy.allows("inspector", "assets", "panel:selection"));
        assertFalse(policy.allows("inspector", "assets", "panel:selection-all"));
        assertFalse(policy.allows("assets", "inspector", "panel:selection"));
        assertTrue(policy.allows("anyone", "inspector", "inspector:show"));
        assertFalse(policy.allows("anyone", "inspector", "inspectors:show"));
        assertFalse(policy.allows("anyone", "assets", "inspector:show"));
    }

    @Test
    void theDefaultsAllowEverythingOrNothing() {
        assertTrue(RoutingPolicy.ALLOW_ALL.allows("a", "b", "any:thing"));
        assertFalse(RoutingPolicy.DENY_ALL.allows("a", "b", "any:thing"));
        assertFalse(RoutingPolicy.builder().build().allows("a", "b", "any:thing"));
    }

    @Test
    void malformedRulesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RoutingPolicy.builder().allow("", "b", "*"));
        assertThrows(IllegalArgumentException.class, () -> RoutingPolicy.builder().allow("a", "b", "pa*el:x"));
        assertThrows(IllegalArgumentException.class, () -> RoutingPolicy.builder().allow("a", "b", "*:x"));
        assertThrows(NullPointerException.class, () -> RoutingPolicy.builder().allow("a", null, "*"));
    }
}
