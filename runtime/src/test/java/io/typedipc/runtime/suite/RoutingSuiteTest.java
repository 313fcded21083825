package io.typedipc.runtime.suite;

import static io.typedipc.runtime.suite.Rig.await;
import static io.typedipc.runtime.suite.Rig.get;
import static io.typedipc.runtime.suite.Rig.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.CallOptions;
import io.typedipc.runtime.IpcEvent;
import io.typedipc.runtime.IpcPeer;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcTimeoutException;
import io.typedipc.runtime.NoSuchChannelException;
import io.typedipc.runtime.NoSuchRendererException;
import io.typedipc.runtime.RemoteException;
import io.typedipc.runtime.RoutingPolicy;
import io.typedipc.runtime.reliability.LogCapture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Level;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Renderer to renderer through main (Cocos Creator's sendToPanel) and renderer broadcasts. */
class RoutingSuiteTest {
    private static final String FIXTURES = "io.typedipc.runtime.suite.TransportFixtures#all";

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void aRendererCallsAnotherByNameAndByIdAndTheTargetSeesTheOriginalSender(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer assets = rig.connect("assets");
            IpcRenderer inspector = rig.connect("inspector");
            int assetsId = rig.handle("assets").id();
            LinkedBlockingQueue<IpcEvent> seen = new LinkedBlockingQueue<>();
            inspector.handle("inspector:show", (event, args) -> {
                seen.add(event);
                return "showing " + args[0];
            });
            assertEquals("showing uuid-1", assets.peer("inspector").sendSync("inspector:show", "uuid-1"));
            IpcEvent event = poll(seen);
            assertEquals(assetsId, event.senderId());
            assertEquals("assets", event.senderName());
            assertTrue(event.isRouted());
            assertTrue(event.senderHandle().isEmpty());

            int inspectorId = rig.handle("inspector").id();
            assertEquals("showing uuid-2", get(assets.peer(inspectorId).invoke("inspector:show", "uuid-2")));
            assertEquals(assetsId, poll(seen).senderId());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void aRoutedRequestsHandlerSeesMainsDeadlineForItsAnswerAndADirectOneItsSendersDeadline(TransportFixture fixture)
            throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer assets = rig.connect("assets");
            IpcRenderer inspector = rig.connect("inspector");
            LinkedBlockingQueue<Optional<Instant>> deadlines = new LinkedBlockingQueue<>();
            inspector.handle("inspector:show", (event, args) -> {
                deadlines.add(event.deadline());
                return "ok";
            });
            inspector.on("inspector:note", (event, args) -> deadlines.add(event.deadline()));
            Instant before = Instant.now();
            assertEquals("ok", assets.peer("inspector").sendSync("inspector:show",
                    CallOptions.DEFAULT.withDeadline(Duration.ofSeconds(40)), "uuid"));
            Instant after = Instant.now();
            Instant deadline = poll(deadlines).orElseThrow(() -> new AssertionError("no deadline on a routed request"));
            assertTrue(!deadline.isBefore(before.plusSeconds(39)) && !deadline.isAfter(after.plusSeconds(40)),
                    "about 40 s after the call: " + before + " .. " + deadline + " .. " + after);

            Instant beforeDirect = Instant.now();
            rig.handle("inspector").sendSync("inspector:show", CallOptions.DEFAULT.withDeadline(Duration.ofSeconds(25)),
                    "straight from main");
            Instant afterDirect = Instant.now();
            Instant direct = poll(deadlines).orElseThrow(() -> new AssertionError("no deadline on a direct request"));
            assertTrue(!direct.isBefore(beforeDirect.plusSeconds(24)) && !direct.isAfter(afterDirect.plusSeconds(25)),
                    "the sender's 25 s, sent on the request: " + beforeDirect + " .. " + direct + " .. " + afterDirect);
            assets.peer("inspector").send("inspector:note", "one-way");
            assertTrue(poll(deadlines).isEmpty(), "a one-way message has no deadline");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void oneWayMessagesAreRoutedInOrderAndTheTargetCanReplyThroughItsSender(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer a = rig.connect("a");
            IpcRenderer b = rig.connect("b");
            LinkedBlockingQueue<String> atB = new LinkedBlockingQueue<>();
            LinkedBlockingQueue<String> atA = new LinkedBlockingQueue<>();
            b.on("count", (event, args) -> {
                atB.add(String.valueOf(args[0]));
                if (((Number) args[0]).intValue() == 99) {
                    event.reply("done", "b saw " + event.senderName());
                }
            });
            a.on("done", (event, args) -> atA.add(args[0] + " / reply from " + event.senderName() + " routed=" + event.isRouted()));
            IpcPeer toB = a.peer("b");
            for (int i = 0; i < 100; i++) {
                toB.send("count", i);
            }
            for (int i = 0; i < 100; i++) {
                assertEquals(String.valueOf(i), poll(atB));
            }
            assertEquals("b saw a / reply from b routed=true", poll(atA));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void typedSendersWorkRendererToRendererAndBack(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer a = rig.connect("a");
            IpcRenderer b = rig.connect("b");
            LinkedBlockingQueue<String> atA = new LinkedBlockingQueue<>();
            SceneEvents.Dispatcher.register(a, url -> atA.add("saved " + url + " from " + IpcEvent.current().senderName()));
            SceneDispatcher.register(b, new SceneService() {
                @Override
                public String describe(String node) {
                    if (node == null) {
                        throw new IllegalStateException("which node?");
                    }
                    // answer typed through the routed sender: a one-way message back to renderer a
                    new SceneEvents.Sender(IpcEvent.current().sender()).saved(node + ".scene");
                    return "node " + node + " for " + IpcEvent.current().senderName();
                }
            });
            Scene scene = new SceneSender(a.peer("b"));
            assertEquals("node n1 for a", scene.describe("n1"));
            assertEquals("saved n1.scene from b", poll(atA));
            assertEquals(List.of("x", "y"), get(scene.queryNodes("*")));
            Scene.NameTakenException taken = assertThrows(Scene.NameTakenException.class, () -> scene.rename("u", "taken"));
            assertEquals("taken is taken", taken.getMessage());
            ExecutionException async = assertThrows(ExecutionException.class, () -> get(scene.createNode("taken")));
            assertInstanceOf(Scene.NameTakenException.class, async.getCause());
            RemoteException undeclared = assertThrows(RemoteException.class, () -> scene.describe(null));
            assertEquals(IllegalStateException.class.getName(), undeclared.remoteType());
            assertTrue(undeclared.getMessage().contains("which node?"), undeclared.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void aMissingTargetFailsWithNoSuchRenderer(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer a = rig.connect("a");
            IpcRenderer b = rig.connect("b");
            NoSuchRendererException byName = assertThrows(NoSuchRendererException.class,
                    () -> a.peer("nobody").sendSync("x:y"));
            assertEquals(-32002, byName.code());
            assertTrue(byName.getMessage().contains("nobody"), byName.getMessage());
            ExecutionException byId = assertThrows(ExecutionException.class, () -> get(a.peer(4242).invoke("x:y")));
            assertInstanceOf(NoSuchRendererException.class, byId.getCause());
            assertThrows(NoSuchRendererException.class, () -> new SceneSender(a.peer("nobody")).describe("n"));
            a.peer("nobody").send("x:y"); // one-way: main drops it, nothing comes back

            int bId = rig.handle("b").id();
            b.close();
            CountDownLatch gone = new CountDownLatch(1);
            rig.main.onRendererDisconnected(h -> gone.countDown());
            if (rig.main.renderer(bId).isPresent()) {
                await(gone);
            }
            assertThrows(NoSuchRendererException.class, () -> a.peer(bId).sendSync("x:y"));
            // the target exists but has no handler: that is the target's ENOMSG
            IpcRenderer c = rig.connect("c");
            c.on("unrelated", (e, v) -> { });
            assertThrows(NoSuchChannelException.class, () -> a.peer("c").sendSync("x:y"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void aRoutedRequestPastItsDeadlineTimesOutAndTheLateReplyIsDropped(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture); LogCapture log = new LogCapture()) {
            IpcRenderer a = rig.connect("a");
            IpcRenderer b = rig.connect("b");
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch answered = new CountDownLatch(1);
            b.handle("fast", (e, v) -> "fast " + v[0]);
            Scene slowScene = new SceneSender(a.peer("b")).withDeadline(Duration.ofMillis(300));
            b.handle("scene:describe", (e, v) -> {
                Rig.awaitQuietly(release); // holds b's dispatch thread: the cancel waits behind it
                answered.countDown();
                return "late";
            });
            IpcTimeoutException timeout = assertThrows(IpcTimeoutException.class, () -> slowScene.describe("n"));
            assertEquals(-32003, timeout.code());
            release.countDown();
            await(answered);
            // The late reply reaches main, whose forward has timed out: it is dropped there, not relayed to a.
            log.await(Level.FINE, "dropped a reply with no waiting call: result #");
            assertEquals("fast 1", a.peer("b").sendSync("fast", 1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void cancellingARoutedRequestCancelsTheTargetsHandler(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer a = rig.connect("a");
            IpcRenderer b = rig.connect("b");
            CompletableFuture<Object> work = new CompletableFuture<>();
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch cancelled = new CountDownLatch(1);
            work.whenComplete((v, failure) -> {
                if (failure instanceof CancellationException) {
                    cancelled.countDown();
                }
            });
            b.handle("long:job", (e, v) -> {
                started.countDown();
                return work;
            });
            CompletableFuture<Object> call = a.peer("b").invoke("long:job");
            await(started);
            assertTrue(call.cancel(true));
            await(cancelled);
            assertThrows(CancellationException.class, () -> get(call));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void aTargetThatDisconnectsFailsTheRoutedRequestWithDisconnect(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer a = rig.connect("a");
            IpcRenderer b = rig.connect("b");
            CountDownLatch started = new CountDownLatch(1);
            b.handle("never", (e, v) -> {
                started.countDown();
                return new CompletableFuture<>();
            });
            CompletableFuture<Object> call = a.peer("b").invoke("never");
            await(started);
            b.close();
            ExecutionException e = assertThrows(ExecutionException.class, () -> get(call));
            assertInstanceOf(io.typedipc.runtime.IpcDisconnectedException.class, e.getCause());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void rendererBroadcastsGoThroughMain(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer a = rig.connect("a");
            IpcRenderer b = rig.connect("b");
            IpcRenderer c = rig.connect("c");
            LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
            for (IpcRenderer r : List.of(a, b, c)) {
                r.on("theme", (e, v) -> got.add(r.name() + ":" + v[0] + " from " + e.senderName()));
            }
            rig.main.on("theme", (e, v) -> got.add("main:" + v[0] + " from " + e.senderName()));

            a.broadcast().send("theme", "dark");
            assertEquals(List.of("a:dark from a", "b:dark from a", "c:dark from a"), UntypedApiSuiteTest.sorted(got, 3));
            a.broadcastToOthers().send("theme", "light");
            assertEquals(List.of("b:light from a", "c:light from a"), UntypedApiSuiteTest.sorted(got, 2));
            b.broadcastToAll().send("theme", "blue");
            assertEquals(List.of("a:blue from b", "b:blue from b", "c:blue from b", "main:blue from b"),
                    UntypedApiSuiteTest.sorted(got, 4));

            LinkedBlockingQueue<String> saved = new LinkedBlockingQueue<>();
            SceneEvents.Dispatcher.register(c, url -> saved.add(url + " from " + IpcEvent.current().senderName()));
            new SceneEvents.Sender(a.broadcastToOthers()).saved("db://s.scene");
            assertEquals("db://s.scene from a", poll(saved));
            // A marker from the same sender comes after anything still on its way: the next four must be it.
            a.broadcastToAll().send("theme", "end");
            assertEquals(List.of("a:end from a", "b:end from a", "c:end from a", "main:end from a"),
                    UntypedApiSuiteTest.sorted(got, 4));
        }
    }

    /** A {@link Scene} with simple answers; tests override what they look at. */
    static class SceneService implements Scene {
        @Override
        public String describe(String node) {
            return "node " + node.length();
        }

        @Override
        public CompletableFuture<List<String>> queryNodes(String glob) {
            return CompletableFuture.completedFuture(List.of("x", "y"));
        }

        @Override
        public void select(String uuid) {
            // not looked at
        }

        @Override
        public String rename(String uuid, String name) throws NameTakenException {
            if (name.equals("taken")) {
                throw new NameTakenException(name + " is taken");
            }
            return name;
        }

        @Override
        public CompletableFuture<String> createNode(String name) {
            return name.equals("taken")
                    ? CompletableFuture.failedFuture(new NameTakenException(name + " is taken"))
                    : CompletableFuture.completedFuture(name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void theRoutingPolicyDecidesWhichRendererReachesWhichAndTheRestLooksAbsent(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture); LogCapture log = new LogCapture()) {
            IpcRenderer assets = rig.connect("assets");
            IpcRenderer inspector = rig.connect("inspector");
            IpcRenderer rogue = rig.connect("rogue");
            assets.handle("panel:selection", (event, args) -> List.of("db://assets/a.png"));
            assets.handle("panel:delete-all", (event, args) -> "deleted everything");
            rig.main.setRoutingPolicy(RoutingPolicy.builder().allow("inspector", "assets", "panel:selection").build());

            assertEquals(List.of("db://assets/a.png"), inspector.peer("assets").sendSync("panel:selection"));
            NoSuchRendererException otherChannel = assertThrows(NoSuchRendererException.class,
                    () -> inspector.peer("assets").sendSync("panel:delete-all"));
            NoSuchRendererException ghost = assertThrows(NoSuchRendererException.class,
                    () -> inspector.peer("ghost").sendSync("panel:delete-all"));
            // Refused looks exactly like absent: the same code and the same message, but for the name asked for.
            assertEquals(ghost.code(), otherChannel.code());
            assertEquals(ghost.getMessage().replace("'ghost'", "'assets'"), otherChannel.getMessage());
            log.await(Level.WARNING, "routing policy: refused panel:delete-all from inspector to renderer 'assets'");
            NoSuchRendererException fromRogue = assertThrows(NoSuchRendererException.class,
                    () -> rogue.peer("assets").sendSync("panel:selection"));
            assertEquals("panel:selection: no renderer 'assets' is connected", fromRogue.getMessage());
            log.await(Level.WARNING, "routing policy: refused panel:selection from rogue to renderer 'assets'");

            // One-way messages and broadcasts go only where the policy allows; main's own channels stay reachable.
            LinkedBlockingQueue<String> atAssets = new LinkedBlockingQueue<>();
            assets.on("panel:note", (event, args) -> atAssets.add(args[0] + " from " + event.senderName()));
            rig.main.handle("main:ping", (event, args) -> "pong");
            rogue.peer("assets").send("panel:note", "sneaky");
            rogue.broadcast().send("panel:note", "broadcast");
            // Main routes a renderer's messages in the order they come, and assets handles main's in order: once
            // rogue's ping is answered and then a request from main to assets is, anything forwarded would be in.
            assertEquals("pong", rogue.sendSync("main:ping"));
            assertEquals(List.of("db://assets/a.png"), get(rig.handle("assets").invoke("panel:selection")));
            assertNull(atAssets.poll(), "nothing the policy refused arrived");
            rig.main.setRoutingPolicy(RoutingPolicy.builder().allow("inspector", "*", "panel:*").build());
            inspector.broadcast().send("panel:note", "allowed");
            assertEquals("allowed from inspector", poll(atAssets));
        }
    }
}
