package io.typedipc.runtime.suite;

import io.typedipc.runtime.CallOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.typedipc.runtime.Binding;
import io.typedipc.runtime.ErrorCodes;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.RemoteException;
import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.codegen.TypeRecipe;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The default mapper is strict about JSON types (no coercion: an untyped caller's 1.9 or "2" does not become an
 * {@code int}) and keeps an {@code OffsetDateTime}'s offset and a {@code ZonedDateTime}'s zone, over every transport.
 */
class StrictTypesSuiteTest {
    private static final String FIXTURES = "io.typedipc.runtime.suite.TransportFixtures#all";

    static final MethodDescriptor<Integer> ADD = MethodDescriptor.<Integer>builder("strict:add",
                    MethodDescriptor.Kind.BLOCKING)
            .parameter("a", TypeRecipe.of(int.class)).parameter("b", TypeRecipe.of(int.class))
            .result(TypeRecipe.of(Integer.class)).build();
    static final MethodDescriptor<Integer> LENGTH = MethodDescriptor.<Integer>builder("strict:length",
                    MethodDescriptor.Kind.BLOCKING)
            .parameter("text", TypeRecipe.of(String.class)).result(TypeRecipe.of(Integer.class)).build();
    static final MethodDescriptor<OffsetDateTime> LATER = MethodDescriptor.<OffsetDateTime>builder("strict:later",
                    MethodDescriptor.Kind.BLOCKING)
            .parameter("at", TypeRecipe.of(OffsetDateTime.class)).result(TypeRecipe.of(OffsetDateTime.class)).build();
    static final MethodDescriptor<String> ZONE = MethodDescriptor.<String>builder("strict:zone",
                    MethodDescriptor.Kind.BLOCKING)
            .parameter("at", TypeRecipe.of(ZonedDateTime.class)).result(TypeRecipe.of(String.class)).build();
    static final MethodDescriptor<ZonedDateTime> SAME = MethodDescriptor.<ZonedDateTime>builder("strict:same",
                    MethodDescriptor.Kind.BLOCKING)
            .parameter("at", TypeRecipe.of(ZonedDateTime.class)).result(TypeRecipe.of(ZonedDateTime.class)).build();

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void wrongJsonTypesAreRefusedInsteadOfConverted(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            rig.main.register(List.of(
                    Binding.handler(ADD, (event, args) -> (Integer) args[0] + (Integer) args[1]),
                    Binding.handler(LENGTH, (event, args) -> ((String) args[0]).length())));
            IpcRenderer panel = rig.connect("panel");
            assertInvalidParams(panel, "strict:add", 1.9, 1);
            assertInvalidParams(panel, "strict:add", "2", "3");
            assertInvalidParams(panel, "strict:length", 123);
            assertInvalidParams(panel, "strict:length", true);
            assertEquals(5, panel.invoke("strict:add", 2, 3).get(Rig.WAIT_SECONDS, TimeUnit.SECONDS));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void offsetAndZonedDateTimesKeepTheirOffsetAndZone(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            rig.main.register(List.of(
                    Binding.handler(LATER, (event, args) -> ((OffsetDateTime) args[0]).plusHours(1)),
                    Binding.handler(ZONE, (event, args) -> ((ZonedDateTime) args[0]).getZone().getId()),
                    Binding.handler(SAME, (event, args) -> args[0])));
            IpcRenderer panel = rig.connect("panel");
            OffsetDateTime at = OffsetDateTime.of(2026, 3, 29, 1, 30, 0, 0, ZoneOffset.ofHours(5));
            assertEquals(at.plusHours(1), panel.call(LATER, CallOptions.DEFAULT, at), "offset +05:00 kept");
            ZonedDateTime paris = ZonedDateTime.of(2026, 3, 29, 1, 30, 0, 0, ZoneId.of("Europe/Paris"));
            assertEquals("Europe/Paris", panel.call(ZONE, CallOptions.DEFAULT, paris));
            assertEquals(paris, panel.call(SAME, CallOptions.DEFAULT, paris), "zone id and offset survive the round trip");
        }
    }

    private static void assertInvalidParams(IpcRenderer panel, String channel, Object... args) {
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> panel.invoke(channel, args).get(Rig.WAIT_SECONDS, TimeUnit.SECONDS));
        RemoteException remote = assertInstanceOf(RemoteException.class, failure.getCause());
        assertEquals(ErrorCodes.INVALID_PARAMS, remote.code(), remote.getMessage());
    }
}
