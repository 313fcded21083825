package io.typedipc.runtime.suite;

import static io.typedipc.runtime.suite.Rig.get;
import static io.typedipc.runtime.suite.Rig.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.IpcDisconnectedException;
import io.typedipc.runtime.IpcEvent;
import io.typedipc.runtime.IpcPeer;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcTimeoutException;
import io.typedipc.runtime.NoSuchChannelException;
import io.typedipc.runtime.RemoteException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cocos Creator's {@code sendToMain} and {@code sendToAll} called in main: {@code IpcMain.self()} and
 * {@code IpcMain.broadcastToAll()}, with renderers over every transport taking part.
 */
class SelfSuiteTest {
    private static final String FIXTURES = "io.typedipc.runtime.suite.TransportFixtures#all";

    /** A value with no JSON form: writing it fails, whichever process it is meant for. */
    public static final class NotData {
        public String getState() {
            throw new IllegalStateException("NotData has no JSON form");
        }
    }

    record Point(int x, int y) {}

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void aTypedSenderOnSelfCallsMainsOwnChannelsOnMainsThreadWithMainAsTheSender(TransportFixture fixture)
            throws Exception {
        try (Rig rig = new Rig(fixture)) {
            rig.connect("panel");
            LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();
            SceneDispatcher.register(rig.main, new RoutingSuiteTest.SceneService() {
                @Override
                public String describe(String node) {
                    IpcEvent event = IpcEvent.current();
                    seen.add(event.senderId() + " " + event.senderName() + " handle=" + event.senderHandle().isPresent()
                            + " routed=" + event.isRouted() + " on " + Thread.currentThread().getName());
                    return "main describes " + node;
                }

                @Override
                public void select(String uuid) {
                    seen.add("selected " + uuid + " by " + IpcEvent.current().senderName());
                }
            });
            SceneSender scene = new SceneSender(rig.main.self());
            assertEquals("main describes n", scene.describe("n"));
            assertEquals(IpcEvent.MAIN_ID + " main handle=false routed=false on typed-ipc-main", poll(seen));
            assertEquals(List.of("x", "y"), get(scene.queryNodes("*")));
            scene.select("uuid-1");
            assertEquals("selected uuid-1 by main", poll(seen));
            assertEquals("free", scene.rename("u", "free"));
            Scene.NameTakenException declared =
                    assertThrows(Scene.NameTakenException.class, () -> scene.rename("u", "taken"));
            assertEquals("taken is taken", declared.getMessage());
            ExecutionException async = assertThrows(ExecutionException.class, () -> get(scene.createNode("taken")));
            assertInstanceOf(Scene.NameTakenException.class, async.getCause());
            rig.main.handle("scene:fail", (event, args) -> {
                throw new IllegalStateException("broken");
            });
            RemoteException undeclared = assertThrows(RemoteException.class, () -> rig.main.self().sendSync("scene:fail"));
            assertEquals(IllegalStateException.class.getName(), undeclared.remoteType());
            assertThrows(NoSuchChannelException.class, () -> rig.main.self().sendSync("scene:nobody"));
            assertTrue(rig.main.renderers().stream().allMatch(r -> r.name().equals("panel")),
                    "main's link to itself is no renderer");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void aValueCrossesSelfExactlyAsItCrossesATransport(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("panel");
            rig.main.handle("echo", (event, args) -> args[0]);
            Point sent = new Point(1, 2);
            Object viaSelf = rig.main.self().sendSync("echo", sent);
            Object viaRenderer = panel.sendSync("echo", sent);
            assertEquals(Map.of("x", 1, "y", 2), viaSelf); // decoded as JSON's natural types, not the same object
            assertEquals(viaRenderer, viaSelf);
            List<Integer> list = new java.util.ArrayList<>(List.of(1, 2));
            Object listBack = rig.main.self().sendSync("echo", list);
            assertEquals(list, listBack);
            assertNotSame(list, listBack);

            RuntimeException fromSelf =
                    assertThrows(RuntimeException.class, () -> rig.main.self().sendSync("echo", new NotData()));
            RuntimeException fromRenderer = assertThrows(RuntimeException.class, () -> panel.sendSync("echo", new NotData()));
            assertEquals(fromRenderer.getClass(), fromSelf.getClass()); // the same failure, raised before sending
            assertEquals("pong", rig.main.self().sendSync("echo", "pong"), "self() still works after a failed encoding");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void selfCallsHaveDeadlinesAndCancellation(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            rig.connect("panel");
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<List<String>> never = new CompletableFuture<>();
            SceneDispatcher.register(rig.main, new RoutingSuiteTest.SceneService() {
                @Override
                public String describe(String node) {
                    Rig.awaitQuietly(release);
                    return "late";
                }

                @Override
                public CompletableFuture<List<String>> queryNodes(String glob) {
                    return never;
                }
            });
            SceneSender quick = new SceneSender(rig.main.self()).withDeadline(Duration.ofMillis(200));
            assertThrows(IpcTimeoutException.class, () -> quick.describe("n"));
            release.countDown();
            CompletableFuture<List<String>> pending = new SceneSender(rig.main.self()).queryNodes("*");
            pending.cancel(true);
            assertTrue(get(never.handle((value, failure) -> failure)) instanceof java.util.concurrent.CancellationException,
                    "the handler's future is cancelled when the caller cancels");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void aHandlerOnMainsThreadCallsSelfAndBlocksWithoutDeadlockEvenWhenSelfCallsTheRendererBack(
            TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("panel");
            panel.handle("panel:name", (event, args) -> "panel answers " + event.senderName());
            rig.main.handle("builder:build", (event, args) -> {
                // main's dispatch thread blocks here on main's own channel
                return "built with " + rig.main.self().sendSync("asset-db:scripts");
            });
            rig.main.handle("asset-db:scripts", (event, args) -> {
                // ... whose handler, on the same thread, blocks on the renderer, which calls main again
                return event.senderName() + ": " + rig.handle("panel").sendSync("panel:name");
            });
            assertEquals("built with main: panel answers main", panel.sendSync("builder:build"));
            assertEquals("built with main: panel answers main", rig.main.self().sendSync("builder:build"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void mainsBroadcastToAllReachesEveryRendererAndMainItselfWhileBroadcastLeavesMainOut(TransportFixture fixture)
            throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer a = rig.connect("a");
            IpcRenderer b = rig.connect("b");
            LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
            SceneEvents.Dispatcher.register(a, url -> got.add("a " + url));
            SceneEvents.Dispatcher.register(b, url -> got.add("b " + url));
            SceneEvents.Dispatcher.register(rig.main, url -> got.add("main " + url + " from "
                    + IpcEvent.current().senderName() + "#" + IpcEvent.current().senderId()));
            new SceneEvents.Sender(rig.main.broadcast()).saved("wins"); // sendToWins: renderers only
            assertEquals(List.of("a wins", "b wins"), UntypedApiSuiteTest.sorted(got, 2));
            new SceneEvents.Sender(rig.main.broadcastToAll()).saved("all"); // sendToAll
            assertEquals(List.of("a all", "b all", "main all from main#0"), UntypedApiSuiteTest.sorted(got, 3));
            rig.main.broadcastToAll().send("scene-events:saved", "untyped");
            assertEquals(List.of("a untyped", "b untyped", "main untyped from main#0"), UntypedApiSuiteTest.sorted(got, 3));
            assertTrue(got.isEmpty(), "main's first message after the broadcast() was the broadcastToAll()");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void aRenderersBroadcastToAllOthersReachesMainAndTheOthersButNotItself(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer a = rig.connect("a");
            IpcRenderer b = rig.connect("b");
            LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
            SceneEvents.Dispatcher.register(a, url -> got.add("a " + url));
            SceneEvents.Dispatcher.register(b, url -> got.add("b " + url));
            SceneEvents.Dispatcher.register(rig.main, url -> got.add("main " + url));
            new SceneEvents.Sender(a.broadcastToAllOthers()).saved("others");
            assertEquals(List.of("b others", "main others"), UntypedApiSuiteTest.sorted(got, 2));
            new SceneEvents.Sender(a.broadcastToAll()).saved("all");
            assertEquals(List.of("a all", "b all", "main all"), UntypedApiSuiteTest.sorted(got, 3));
            assertTrue(got.isEmpty(), "a did not receive its own broadcastToAllOthers");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void selfRefusesNewWorkOnceMainCloses(TransportFixture fixture) throws Exception {
        Rig rig = new Rig(fixture);
        IpcPeer self = rig.main.self();
        rig.main.handle("ping", (event, args) -> "pong");
        assertEquals("pong", self.sendSync("ping"));
        rig.close();
        assertThrows(IpcDisconnectedException.class, () -> self.sendSync("ping"));
        assertThrows(IpcDisconnectedException.class, () -> self.send("ping"));
        assertThrows(IpcDisconnectedException.class, () -> rig.main.broadcastToAll().send("ping"));
        assertFalse(self.toString().isEmpty());
    }
}
