package io.typedipc.runtime.suite;

import static io.typedipc.runtime.suite.Rig.get;
import static io.typedipc.runtime.suite.Rig.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.CallOptions;
import io.typedipc.runtime.IpcCall;
import io.typedipc.runtime.IpcCall.Outcome;
import io.typedipc.runtime.IpcDisconnectedException;
import io.typedipc.runtime.IpcEvent;
import io.typedipc.runtime.IpcInterceptor;
import io.typedipc.runtime.IpcRefusedException;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.IpcTimeoutException;
import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.Registration;
import io.typedipc.runtime.RemoteException;
import io.typedipc.runtime.codegen.TypeRecipe;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Interceptors on both sides: what they see, refusing calls, order, failing interceptors, every outcome. */
class InterceptorSuiteTest {
    private static final String FIXTURES = "io.typedipc.runtime.suite.TransportFixtures#all";
    private static final MethodDescriptor<Object> NEVER = MethodDescriptor.<Object>builder("i:never",
            MethodDescriptor.Kind.BLOCKING).result(TypeRecipe.of(Object.class)).build();

    /** Records every intercept and completion as a line. */
    static final class Recording implements IpcInterceptor {
        final LinkedBlockingQueue<IpcCall> calls = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<IpcCall.Result> results = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<String> threads = new LinkedBlockingQueue<>();

        @Override
        public void intercept(IpcCall call) {
            calls.add(call);
            threads.add(Thread.currentThread().getName());
        }

        @Override
        public void completed(IpcCall call, IpcCall.Result result) {
            results.add(result);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void bothSidesSeeChannelKindPeerArgumentsAndTheResult(TransportFixture fixture) throws Exception {
        Recording served = new Recording();
        Recording made = new Recording();
        try (Rig rig = new Rig(fixture, IpcSettings.builder().interceptIncoming(served).build())) {
            rig.main.handle("i:echo", (event, args) -> args[0]);
            LinkedBlockingQueue<Object> notes = new LinkedBlockingQueue<>();
            rig.main.on("i:note", (event, args) -> notes.add(args[0]));
            IpcRenderer panel = rig.connect("panel", IpcSettings.builder().interceptOutgoing(made).build());
            String panelPeer = "renderer panel#" + rig.handle("panel").id();

            assertEquals("a", panel.sendSync("i:echo", "a"));
            IpcCall sync = poll(made.calls);
            assertEquals(IpcCall.Direction.OUTGOING, sync.direction());
            assertEquals(IpcCall.Kind.SYNC, sync.kind());
            assertEquals("i:echo", sync.channel());
            assertEquals("main", sync.peer());
            assertEquals(List.of("a"), sync.arguments());
            assertSame(panel, sync.context());
            assertTrue(sync.event().isEmpty());
            assertEquals("main", poll(made.threads), "outgoing interceptors run on the calling thread");
            IpcCall.Result syncResult = poll(made.results);
            assertEquals(Outcome.OK, syncResult.outcome());
            assertEquals(0, syncResult.errorCode());
            assertTrue(syncResult.bytesOut() > 0 && syncResult.bytesIn() > 0, syncResult.toString());
            assertTrue(syncResult.failure().isEmpty());

            IpcCall servedCall = poll(served.calls);
            assertEquals(IpcCall.Direction.INCOMING, servedCall.direction());
            assertEquals(IpcCall.Kind.REQUEST, servedCall.kind());
            assertEquals(panelPeer, servedCall.peer());
            assertEquals(List.of("a"), servedCall.arguments());
            assertEquals("panel", servedCall.event().orElseThrow().senderName());
            assertEquals("typed-ipc-main", poll(served.threads), "incoming interceptors run where handlers run");
            IpcCall.Result servedResult = poll(served.results);
            assertEquals(Outcome.OK, servedResult.outcome());
            assertEquals(syncResult.bytesOut(), servedResult.bytesIn(), "the request's size, seen from both ends");
            assertEquals(syncResult.bytesIn(), servedResult.bytesOut(), "the reply's size, seen from both ends");

            assertEquals("b", get(panel.invoke("i:echo", "b")));
            assertEquals(IpcCall.Kind.REQUEST, poll(made.calls).kind());
            assertEquals(Outcome.OK, poll(made.results).outcome());
            poll(served.calls);
            poll(served.results);

            panel.send("i:note", 5);
            assertEquals(5, poll(notes));
            assertEquals(IpcCall.Kind.ONE_WAY, poll(made.calls).kind());
            assertEquals(Outcome.OK, poll(made.results).outcome());
            IpcCall note = poll(served.calls);
            assertEquals(IpcCall.Kind.ONE_WAY, note.kind());
            assertEquals(List.of(5), note.arguments());
            IpcCall.Result noteResult = poll(served.results);
            assertEquals(Outcome.OK, noteResult.outcome());
            assertEquals(0, noteResult.bytesOut());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void anIncomingInterceptorRefusesBySenderAndChannel(TransportFixture fixture) throws Exception {
        IpcInterceptor onlyTrusted = new IpcInterceptor() {
            @Override
            public void intercept(IpcCall call) {
                // IpcEvent.current() is the message's event here, as in the handler
                if (call.channel().startsWith("admin:") && !IpcEvent.current().senderName().equals("trusted")) {
                    throw new IpcRefusedException(call.channel() + ": not for " + IpcEvent.current().senderName());
                }
            }
        };
        try (Rig rig = new Rig(fixture, IpcSettings.builder().interceptIncoming(onlyTrusted).build())) {
            AtomicInteger ran = new AtomicInteger();
            rig.main.handle("admin:wipe", (event, args) -> ran.incrementAndGet());
            rig.main.on("admin:note", (event, args) -> ran.incrementAndGet());
            rig.main.handle("i:echo", (event, args) -> args[0]);
            IpcRenderer guest = rig.connect("guest");
            IpcRenderer trusted = rig.connect("trusted");

            IpcRefusedException sync = assertThrows(IpcRefusedException.class, () -> guest.sendSync("admin:wipe"));
            assertEquals("admin:wipe: not for guest", sync.getMessage());
            assertEquals(-32006, sync.code());
            ExecutionException async = assertThrows(ExecutionException.class, () -> get(guest.invoke("admin:wipe")));
            assertInstanceOf(IpcRefusedException.class, async.getCause());
            guest.send("admin:note");
            assertEquals("x", guest.sendSync("i:echo", "x")); // after the note: in order, so the note was dropped
            assertEquals(0, ran.get(), "no refused handler or listener ran");
            assertEquals(1, trusted.sendSync("admin:wipe"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void anOutgoingInterceptorRefusesBeforeAnythingIsSent(TransportFixture fixture) throws Exception {
        IpcInterceptor noDeletes = call -> {
            if (call.channel().endsWith(":delete")) {
                throw new IpcRefusedException("deletes are off");
            }
        };
        try (Rig rig = new Rig(fixture)) {
            AtomicInteger reached = new AtomicInteger();
            rig.main.handle("i:delete", (event, args) -> reached.incrementAndGet());
            rig.main.on("i:delete-note", (event, args) -> reached.incrementAndGet());
            IpcRenderer panel = rig.connect("panel");
            Registration registration = panel.interceptOutgoing(noDeletes);
            assertEquals("deletes are off", assertThrows(IpcRefusedException.class, () -> panel.sendSync("i:delete")).getMessage());
            CompletableFuture<Object> future = panel.invoke("i:delete");
            assertInstanceOf(IpcRefusedException.class, assertThrows(ExecutionException.class, () -> get(future)).getCause());
            IpcInterceptor noNotes = call -> {
                if (call.kind() == IpcCall.Kind.ONE_WAY) {
                    throw new IpcRefusedException("no notes");
                }
            };
            Registration second = panel.interceptOutgoing(noNotes);
            assertThrows(IpcRefusedException.class, () -> panel.send("i:delete-note"));
            second.close();
            registration.close();
            assertEquals(1, panel.sendSync("i:delete"), "a closed registration no longer intercepts");
            assertEquals(1, reached.get());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void interceptorsRunInOrderAndCompleteInReverseOnlyWhenTheyLetTheCallThrough(TransportFixture fixture)
            throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        class Named implements IpcInterceptor {
            final String name;
            final boolean refuse;

            Named(String name, boolean refuse) {
                this.name = name;
                this.refuse = refuse;
            }

            @Override
            public void intercept(IpcCall call) {
                log.add("intercept " + name);
                if (refuse && call.arguments().contains("refuse")) {
                    throw new IpcRefusedException("refused by " + name);
                }
            }

            @Override
            public void completed(IpcCall call, IpcCall.Result result) {
                log.add("completed " + name + " " + result.outcome());
            }
        }
        IpcSettings settings = IpcSettings.builder().interceptOutgoing(new Named("a", false))
                .interceptOutgoing(new Named("b", true)).build();
        try (Rig rig = new Rig(fixture)) {
            rig.main.handle("i:echo", (event, args) -> args[0]);
            IpcRenderer panel = rig.connect("panel", settings);
            panel.interceptOutgoing(new Named("c", false));
            panel.sendSync("i:echo", "fine");
            assertEquals(List.of("intercept a", "intercept b", "intercept c", "completed c OK", "completed b OK",
                    "completed a OK"), log);
            log.clear();
            assertThrows(IpcRefusedException.class, () -> panel.sendSync("i:echo", "refuse"));
            assertEquals(List.of("intercept a", "intercept b", "completed a REFUSED"), log);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void anInterceptorThatThrowsRefusesTheCallAndTellsThePeerNothingMore(TransportFixture fixture) throws Exception {
        IpcInterceptor broken = call -> {
            throw new IllegalStateException("database password is hunter2");
        };
        IpcInterceptor brokenAtTheEnd = new IpcInterceptor() {
            @Override
            public void intercept(IpcCall call) {
            }

            @Override
            public void completed(IpcCall call, IpcCall.Result result) {
                throw new IllegalStateException("metrics are down");
            }
        };
        try (Rig rig = new Rig(fixture, IpcSettings.builder().interceptIncoming(broken).build())) {
            AtomicInteger ran = new AtomicInteger();
            rig.main.handle("i:echo", (event, args) -> ran.incrementAndGet());
            IpcRenderer panel = rig.connect("panel", IpcSettings.builder().interceptOutgoing(brokenAtTheEnd).build());
            IpcRefusedException remote = assertThrows(IpcRefusedException.class, () -> panel.sendSync("i:echo"));
            assertEquals("i:echo: refused", remote.getMessage());
            assertNull(remote.getCause(), "the serving side's exception stays there");
            assertEquals(0, ran.get());

            panel.interceptOutgoing(broken);
            IpcRefusedException local = assertThrows(IpcRefusedException.class, () -> panel.sendSync("i:echo"));
            assertInstanceOf(IllegalStateException.class, local.getCause());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void everyOutcomeIsReportedOnBothSides(TransportFixture fixture) throws Exception {
        Recording served = new Recording();
        Recording made = new Recording();
        try (Rig rig = new Rig(fixture, IpcSettings.builder().interceptIncoming(served).build())) {
            SceneDispatcher.register(rig.main, new RoutingSuiteTest.SceneService());
            rig.main.handle("i:never", (event, args) -> new CompletableFuture<>());
            rig.main.handle("i:fail", (event, args) -> {
                throw new IllegalArgumentException("bad");
            });
            IpcRenderer panel = rig.connect("panel", IpcSettings.builder().interceptOutgoing(made).build());
            SceneSender scene = new SceneSender(panel);

            assertThrows(Scene.NameTakenException.class, () -> scene.rename("u", "taken"));
            assertOutcome(made, Outcome.DECLARED_ERROR, -32001);
            assertOutcome(served, Outcome.DECLARED_ERROR, -32001);
            assertThrows(ExecutionException.class, () -> get(scene.createNode("taken")));
            assertOutcome(made, Outcome.DECLARED_ERROR, -32001);
            assertOutcome(served, Outcome.DECLARED_ERROR, -32001);

            assertThrows(RemoteException.class, () -> panel.sendSync("i:fail"));
            assertOutcome(made, Outcome.ERROR, -32000);
            IpcCall.Result failed = assertOutcome(served, Outcome.ERROR, -32000);
            assertInstanceOf(IllegalArgumentException.class, failed.failure().orElseThrow());

            IpcTimeoutException timeout = assertThrows(IpcTimeoutException.class, () -> panel.call(
                    NEVER, CallOptions.DEFAULT.withDeadline(Duration.ofMillis(200))));
            assertTrue(timeout.getMessage().contains("i:never"));
            IpcCall.Result timedOut = assertOutcome(made, Outcome.TIMEOUT, -32003);
            assertTrue(timedOut.duration().toMillis() >= 150, timedOut.toString());
            // the caller's deadline cancels the serving side's future ($/cancelRequest)
            assertOutcome(served, Outcome.CANCELLED, -32800);

            served.calls.clear(); // from here on each poll waits for the call just made
            CompletableFuture<Object> cancelled = panel.invoke("i:never");
            poll(served.calls);
            cancelled.cancel(true);
            assertOutcome(made, Outcome.CANCELLED, -32800);
            assertOutcome(served, Outcome.CANCELLED, -32800); // the serving side's future is cancelled too

            CompletableFuture<Object> pending = panel.invoke("i:never");
            poll(served.calls);
            panel.close();
            assertInstanceOf(IpcDisconnectedException.class, assertThrows(ExecutionException.class, () -> get(pending)).getCause());
            assertOutcome(made, Outcome.DISCONNECTED, -32004);
            assertOutcome(served, Outcome.DISCONNECTED, -32004); // its handler's future is cancelled, nobody to answer
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void aRoutedCallIsInterceptedAtBothEndsWithTheRealPeers(TransportFixture fixture) throws Exception {
        Recording made = new Recording();
        Recording served = new Recording();
        Recording inMain = new Recording();
        try (Rig rig = new Rig(fixture, IpcSettings.builder().interceptIncoming(inMain).build())) {
            IpcRenderer from = rig.connect("from", IpcSettings.builder().interceptOutgoing(made).build());
            IpcRenderer to = rig.connect("to", IpcSettings.builder().interceptIncoming(served).build());
            to.handle("i:echo", (event, args) -> args[0]);
            assertEquals("r", from.peer("to").sendSync("i:echo", "r"));
            assertEquals("renderer 'to' via main", poll(made.calls).peer());
            assertEquals(Outcome.OK, poll(made.results).outcome());
            IpcCall call = poll(served.calls);
            assertEquals("renderer from#" + rig.handle("from").id() + " via main", call.peer());
            assertTrue(call.event().orElseThrow().isRouted());
            assertEquals(Outcome.OK, poll(served.results).outcome());
            assertTrue(inMain.calls.isEmpty(), "main relays, it serves nothing: " + inMain.calls);
        }
    }

    private static IpcCall.Result assertOutcome(Recording recording, Outcome outcome, int code) throws Exception {
        IpcCall.Result result = poll(recording.results);
        assertEquals(outcome, result.outcome(), result.toString());
        assertEquals(code, result.errorCode(), result.toString());
        return result;
    }
}
