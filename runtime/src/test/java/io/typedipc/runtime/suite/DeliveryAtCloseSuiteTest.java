package io.typedipc.runtime.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.IpcRenderer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * "Send the final state, then close": every one-way message that arrived before the connection closed is delivered,
 * in order, before the disconnect is reported — whichever side closes, and however.
 */
class DeliveryAtCloseSuiteTest {
    private static final String FIXTURES = "io.typedipc.runtime.suite.TransportFixtures#all";
    private static final String DISCONNECTED = "disconnected";

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void aRendererThatSendsThenClosesHasEveryMessageDeliveredBeforeItsDisconnect(TransportFixture fixture)
            throws Exception {
        try (Rig rig = new Rig(fixture)) {
            List<String> seen = collectInMain(rig);
            CountDownLatch gone = disconnectLatch(rig, seen);
            IpcRenderer panel = rig.connect("panel");
            for (int i = 0; i < 200; i++) {
                panel.send("state:final", i);
            }
            panel.close();
            Rig.await(gone);
            assertEquals(expected(200), snapshot(seen));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void aRendererThatSendsThenClosesGracefullyHasEveryMessageDeliveredBeforeItsDisconnect(TransportFixture fixture)
            throws Exception {
        try (Rig rig = new Rig(fixture)) {
            List<String> seen = collectInMain(rig);
            CountDownLatch gone = disconnectLatch(rig, seen);
            IpcRenderer panel = rig.connect("panel");
            for (int i = 0; i < 200; i++) {
                panel.send("state:final", i);
            }
            assertTrue(panel.closeGracefully(Rig.WAIT));
            Rig.await(gone);
            assertEquals(expected(200), snapshot(seen));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void mainThatBroadcastsThenClosesHasEveryMessageDeliveredBeforeTheRendererSeesTheDisconnect(
            TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            IpcRenderer panel = rig.connect("panel");
            panel.on("state:final", (event, args) -> seen.add(String.valueOf(args[0])));
            for (int i = 0; i < 50; i++) {
                rig.main.broadcast("state:final", i);
            }
            rig.main.close();
            // awaitDisconnect is a renderer's "disconnected" event: it returns after what arrived was delivered.
            assertTrue(panel.awaitDisconnect(Rig.WAIT_SECONDS, TimeUnit.SECONDS));
            seen.add(DISCONNECTED);
            assertEquals(expected(50), snapshot(seen));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void mainThatSendsToOneRendererThenDisconnectsItHasEveryMessageDelivered(TransportFixture fixture)
            throws Exception {
        try (Rig rig = new Rig(fixture)) {
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            IpcRenderer panel = rig.connect("panel");
            panel.on("state:final", (event, args) -> seen.add(String.valueOf(args[0])));
            for (int i = 0; i < 50; i++) {
                rig.handle("panel").send("state:final", i);
            }
            rig.handle("panel").disconnect();
            assertTrue(panel.awaitDisconnect(Rig.WAIT_SECONDS, TimeUnit.SECONDS));
            seen.add(DISCONNECTED);
            assertEquals(expected(50), snapshot(seen));
        }
    }

    private static List<String> collectInMain(Rig rig) {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        rig.main.on("state:final", (event, args) -> seen.add(String.valueOf(args[0])));
        return seen;
    }

    private static CountDownLatch disconnectLatch(Rig rig, List<String> seen) {
        CountDownLatch gone = new CountDownLatch(1);
        rig.main.onRendererDisconnected(handle -> {
            seen.add(DISCONNECTED);
            gone.countDown();
        });
        return gone;
    }

    private static List<String> expected(int count) {
        List<String> expected = new ArrayList<>();
        IntStream.range(0, count).forEach(i -> expected.add(String.valueOf(i)));
        expected.add(DISCONNECTED);
        return expected;
    }

    private static List<String> snapshot(List<String> seen) {
        synchronized (seen) {
            return new ArrayList<>(seen);
        }
    }
}
