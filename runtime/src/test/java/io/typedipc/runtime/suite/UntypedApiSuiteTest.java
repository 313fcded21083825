package io.typedipc.runtime.suite;

import static io.typedipc.runtime.suite.Rig.await;
import static io.typedipc.runtime.suite.Rig.get;
import static io.typedipc.runtime.suite.Rig.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.IpcEvent;
import io.typedipc.runtime.IpcListener;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.NoSuchChannelException;
import io.typedipc.runtime.NoSuchRendererException;
import io.typedipc.runtime.Registration;
import io.typedipc.runtime.RemoteException;
import io.typedipc.runtime.RendererHandle;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Electron's ipcMain / ipcRenderer verbs, untyped, on both kinds of context. */
class UntypedApiSuiteTest {
    private static final String FIXTURES = "io.typedipc.runtime.suite.TransportFixtures#all";

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void onReceivesEveryMessageWithItsSenderAndOffStopsIt(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("assets-panel");
            RendererHandle handle = rig.handle("assets-panel");
            LinkedBlockingQueue<IpcEvent> events = new LinkedBlockingQueue<>();
            LinkedBlockingQueue<Object> args = new LinkedBlockingQueue<>();
            IpcListener listener = (event, values) -> {
                events.add(event);
                args.add(List.of(values));
            };
            rig.main.on("asset:refresh", listener);
            panel.send("asset:refresh", "db://a.png", 3);
            IpcEvent event = poll(events);
            assertEquals(List.of("db://a.png", 3), poll(args));
            assertEquals("asset:refresh", event.channel());
            assertSame(handle, event.sender());
            assertSame(handle, event.senderHandle().orElseThrow());
            assertEquals(handle.id(), event.senderId());
            assertEquals("assets-panel", event.senderName());
            assertFalse(event.expectsReply());
            assertFalse(event.isRouted());

            rig.main.off("asset:refresh", listener);
            rig.main.on("asset:marker", (e, values) -> args.add("marker"));
            panel.send("asset:refresh", "ignored");
            panel.send("asset:marker");
            assertEquals("marker", poll(args)); // in order: the refresh before it found no listener
            assertTrue(events.isEmpty());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void onceListensForOneMessageAndOffRemovesItBeforeItFires(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("panel");
            LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
            rig.main.once("ping", (e, values) -> got.add("once " + values[0]));
            IpcListener removed = (e, values) -> got.add("removed " + values[0]);
            rig.main.once("ping", removed);
            rig.main.off("ping", removed);
            rig.main.on("end", (e, values) -> got.add("end"));
            panel.send("ping", 1);
            panel.send("ping", 2);
            panel.send("end");
            assertEquals("once 1", poll(got));
            assertEquals("end", poll(got));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void removeAllListenersOfOneChannelOrOfAll(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("panel");
            LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
            rig.main.on("a", (e, v) -> got.add("a1"));
            rig.main.on("a", (e, v) -> got.add("a2"));
            rig.main.on("b", (e, v) -> got.add("b"));
            rig.main.handle("h", (e, v) -> "handled");
            rig.main.removeAllListeners("a");
            panel.send("a");
            panel.send("b");
            assertEquals("b", poll(got));
            rig.main.removeAllListeners();
            panel.send("b");
            assertEquals("handled", panel.sendSync("h")); // handlers stay, and the "b" before it found no listener
            assertTrue(got.isEmpty());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void handleServesRequestsAndASecondHandlerFailsFast(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("panel");
            Registration first = rig.main.handle("math:add", (e, v) -> ((Number) v[0]).intValue() + ((Number) v[1]).intValue());
            IllegalStateException duplicate = assertThrows(IllegalStateException.class,
                    () -> rig.main.handle("math:add", (e, v) -> 0));
            assertTrue(duplicate.getMessage().contains("math:add"), duplicate.getMessage());
            assertThrows(IllegalStateException.class, () -> rig.main.handleOnce("math:add", (e, v) -> 0));
            assertEquals(5, panel.sendSync("math:add", 2, 3));
            assertEquals(9, get(panel.invoke("math:add", 4, 5)));

            rig.main.removeHandler("math:add");
            assertThrows(NoSuchChannelException.class, () -> panel.sendSync("math:add", 1, 1));
            first.close(); // closing an already removed registration does nothing
            rig.main.handle("math:add", (e, v) -> "again");
            assertEquals("again", panel.sendSync("math:add"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void handleOnceServesOneRequestThenTheChannelIsFree(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("panel");
            rig.main.handleOnce("dialog:confirm", (e, v) -> "yes");
            assertEquals("yes", panel.sendSync("dialog:confirm"));
            NoSuchChannelException e = assertThrows(NoSuchChannelException.class, () -> panel.sendSync("dialog:confirm"));
            assertEquals(-32601, e.code());
            rig.main.handle("dialog:confirm", (event, v) -> "registered again");
            assertEquals("registered again", panel.sendSync("dialog:confirm"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void aRequestNobodyServesFailsWithNoSuchChannelOnBothSides(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("panel");
            NoSuchChannelException e = assertThrows(NoSuchChannelException.class, () -> panel.sendSync("nobody:home"));
            assertTrue(e.getMessage().contains("nobody:home"), e.getMessage());
            ExecutionException async = assertThrows(ExecutionException.class,
                    () -> get(rig.handle("panel").invoke("nobody:home")));
            assertInstanceOf(NoSuchChannelException.class, async.getCause());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void anOnListenerAnswersASyncRequestWithReturnValue(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("panel");
            LinkedBlockingQueue<Boolean> expectsReply = new LinkedBlockingQueue<>();
            rig.main.on("synchronous-message", (event, args) -> {
                expectsReply.add(event.expectsReply());
                if (event.expectsReply()) {
                    event.setReturnValue("pong to " + args[0]);
                }
            });
            assertEquals("pong to ping", panel.sendSync("synchronous-message", "ping"));
            assertTrue(poll(expectsReply));
            panel.send("synchronous-message", "one-way");
            assertFalse(poll(expectsReply));

            rig.main.on("forgets-to-answer", (event, args) -> { });
            RemoteException unanswered = assertThrows(RemoteException.class, () -> panel.sendSync("forgets-to-answer"));
            assertTrue(unanswered.getMessage().contains("setReturnValue"), unanswered.getMessage());

            rig.main.handle("both", (event, args) -> "the handler wins");
            rig.main.on("both", (event, args) -> event.setReturnValue("listener"));
            assertEquals("the handler wins", panel.sendSync("both"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void mainSendsToOneRendererAndTheRendererSeesMainAsSender(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer a = rig.connect("a");
            IpcRenderer b = rig.connect("b");
            LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
            a.on("note", (e, v) -> got.add("a:" + v[0] + " from " + e.senderName() + "#" + e.senderId()));
            b.on("note", (e, v) -> got.add("b:" + v[0]));
            rig.handle("a").send("note", "hello");
            assertEquals("a:hello from main#" + IpcEvent.MAIN_ID, poll(got));
            a.handle("whoami", (e, v) -> "a");
            assertEquals("a", rig.handle("a").sendSync("whoami"));
            assertEquals("a", get(rig.main.peer("a").invoke("whoami")));
            // Markers to both come after anything still on its way from main: b must not have had "hello", nor a
            // a second one.
            rig.handle("b").send("note", "end");
            rig.handle("a").send("note", "end");
            assertEquals(List.of("a:end from main#" + IpcEvent.MAIN_ID, "b:end"), sorted(got, 2));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void eventReplyAndSenderSendGoBackToTheSender(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer a = rig.connect("a");
            IpcRenderer b = rig.connect("b");
            rig.main.on("asynchronous-message", (event, args) -> {
                event.reply("asynchronous-reply", "pong");
                event.sender().send("asynchronous-reply", "pong again");
            });
            LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
            a.on("asynchronous-reply", (e, v) -> got.add("a:" + v[0]));
            b.on("asynchronous-reply", (e, v) -> got.add("b:" + v[0]));
            b.send("asynchronous-message", "ping");
            assertEquals("b:pong", poll(got));
            assertEquals("b:pong again", poll(got));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void broadcastReachesEveryRendererOrAllButOne(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer a = rig.connect("a");
            IpcRenderer b = rig.connect("b");
            IpcRenderer c = rig.connect("c");
            LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
            for (IpcRenderer r : List.of(a, b, c)) {
                r.on("theme", (e, v) -> got.add(r.name() + ":" + v[0]));
            }
            rig.main.broadcast("theme", "dark");
            assertEquals(List.of("a:dark", "b:dark", "c:dark"), sorted(got, 3));
            rig.main.broadcastExcept(rig.handle("b")).send("theme", "light");
            assertEquals(List.of("a:light", "c:light"), sorted(got, 2));
            // A marker to all comes after anything still on its way: b must not have had "light".
            rig.main.broadcast("theme", "end");
            assertEquals(List.of("a:end", "b:end", "c:end"), sorted(got, 3));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void rendererListAndConnectedAndDisconnectedEvents(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
            rig.main.onRendererConnected(h -> events.add("+" + h.name() + "#" + h.id()));
            Registration gone = rig.main.onRendererDisconnected(h -> events.add("-" + h.name() + "#" + h.id()));
            IpcRenderer a = rig.connect("a");
            rig.connect("b");
            RendererHandle ha = rig.handle("a");
            RendererHandle hb = rig.handle("b");
            assertTrue(hb.id() > ha.id(), "ids in connection order");
            assertEquals(List.of(ha, hb), rig.main.renderers());
            assertSame(ha, rig.main.renderer(ha.id()).orElseThrow());
            assertEquals("+a#" + ha.id(), poll(events));
            assertEquals("+b#" + hb.id(), poll(events));

            a.close();
            assertEquals("-a#" + ha.id(), poll(events));
            assertEquals(List.of(hb), rig.main.renderers());
            assertFalse(ha.isConnected());
            assertTrue(rig.main.renderer("a").isEmpty());
            assertThrows(NoSuchRendererException.class, () -> rig.main.peer("a").send("anything"));

            gone.close();
            CountDownLatch disconnected = new CountDownLatch(1);
            rig.main.onRendererDisconnected(h -> disconnected.countDown());
            hb.disconnect();
            await(disconnected);
            assertTrue(events.isEmpty());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void theRendererSideHasTheSameVerbs(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("panel");
            RendererHandle handle = rig.handle("panel");
            LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
            panel.once("tick", (e, v) -> got.add("once " + v[0]));
            panel.on("tick", (e, v) -> got.add("on " + v[0]));
            panel.handleOnce("ask", (e, v) -> "first");
            handle.send("tick", 1);
            handle.send("tick", 2);
            assertEquals(List.of("on 1", "once 1"), sorted(got, 2));
            assertEquals("on 2", poll(got));
            assertEquals("first", handle.sendSync("ask"));
            assertThrows(NoSuchChannelException.class, () -> handle.sendSync("ask"));
            panel.removeAllListeners("tick");
            panel.on("sync", (e, v) -> e.setReturnValue(v.length));
            assertEquals(2, handle.sendSync("sync", "x", null));
            panel.removeHandler("ask");
            assertNull(got.peek());
        }
    }

    static List<String> sorted(LinkedBlockingQueue<String> queue, int count) throws InterruptedException {
        java.util.ArrayList<String> items = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(poll(queue));
        }
        items.sort(null);
        return items;
    }
}
