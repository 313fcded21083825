package io.typedipc.runtime.suite;

import static io.typedipc.runtime.suite.Rig.get;
import static io.typedipc.runtime.suite.Rig.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.RemoteException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link IpcSettings.Builder#directExecutor()}: handlers run where their message is received, and may not block. */
class DirectExecutorSuiteTest {
    private static final String FIXTURES = "io.typedipc.runtime.suite.TransportFixtures#all";
    private static final IpcSettings DIRECT = IpcSettings.builder().directExecutor().build();

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void handlersRunOnTheReceivingThreadWithNoDispatchThreadAndKeepTheSendersOrder(TransportFixture fixture)
            throws Exception {
        try (Rig rig = new Rig(fixture, DIRECT)) {
            IpcRenderer panel = rig.connect("panel");
            List<Integer> seen = new ArrayList<>(); // only ever touched by one thread at a time: the link's
            LinkedBlockingQueue<String> threads = new LinkedBlockingQueue<>();
            rig.main.on("note", (e, a) -> seen.add(((Number) a[0]).intValue()));
            rig.main.handle("where", (e, a) -> {
                seen.add(((Number) a[0]).intValue());
                threads.add(Thread.currentThread().getName());
                return Thread.currentThread().getName();
            });
            int messages = 600;
            for (int i = 0; i < messages; i++) {
                if (i % 100 == 99) {
                    panel.sendSync("where", i);
                } else {
                    panel.send("note", i);
                }
            }
            Object where = panel.sendSync("where", messages);
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i <= messages; i++) {
                expected.add(i);
            }
            assertEquals(expected, seen, "one sender's messages run in the order sent");
            // Every sendSync has returned, so every handler run is recorded. A server library (Jetty) may read
            // successive messages of one link on different pool threads, one at a time: check each run's thread.
            List<String> handlerThreads = new ArrayList<>(threads);
            assertEquals(messages / 100 + 1, handlerThreads.size());
            for (String thread : handlerThreads) {
                if (fixture.name().equals("in-process")) {
                    assertEquals(Thread.currentThread().getName(), thread, "in process, on the sending thread itself");
                } else {
                    assertTrue(thread.startsWith(fixture.mainReaderThreadPrefix()),
                            "on the link's reader thread: " + thread);
                }
            }
            assertEquals(handlerThreads.get(handlerThreads.size() - 1), where, "the reply comes from the handler's run");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void aBlockingCallInADirectHandlerIsRefusedAtOnceInsteadOfDeadlockingTheLink(TransportFixture fixture)
            throws Exception {
        try (Rig rig = new Rig(fixture, DIRECT)) {
            IpcRenderer panel = rig.connect("panel");
            panel.handle("panel:name", (e, a) -> "panel");
            // The reply to this call would arrive on the very thread that is waiting for it.
            rig.main.handle("ask-back", (e, a) -> rig.handle("panel").sendSync("panel:name"));
            RemoteException refused = assertThrows(RemoteException.class, () -> panel.sendSync("ask-back"));
            assertEquals(IllegalStateException.class.getName(), refused.remoteType());
            assertTrue(refused.getMessage().contains("direct executor"), refused.getMessage());
            // Waiting on a request's future is refused the same way (the gate keeps its reply from coming before the
            // wait: a future already complete may be read anywhere); the request itself still completes.
            CompletableFuture<Object> gate = new CompletableFuture<>();
            panel.handle("panel:gated", (e, a) -> gate);
            LinkedBlockingQueue<Object> results = new LinkedBlockingQueue<>();
            rig.main.handle("wait-back", (e, a) -> {
                CompletableFuture<Object> name = rig.handle("panel").invoke("panel:gated");
                try {
                    name.get(Rig.WAIT_SECONDS, TimeUnit.SECONDS);
                    results.add("waited");
                } catch (IllegalStateException expected) {
                    results.add(expected);
                }
                name.whenComplete((value, failure) -> results.add(value != null ? value : failure));
                return "answered";
            });
            assertEquals("answered", panel.sendSync("wait-back"));
            assertInstanceOf(IllegalStateException.class, poll(results));
            gate.complete("panel");
            assertEquals("panel", poll(results), "the refused wait's request completes all the same");
            assertEquals("panel", rig.handle("panel").sendSync("panel:name"), "outside a handler, waiting is fine");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void aRendererInDirectModeGetsItsFutureCallbacksWithoutAHandOff(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("panel", DIRECT);
            rig.main.handle("main:twice", (e, a) -> 2 * ((Number) a[0]).intValue());
            LinkedBlockingQueue<String> threads = new LinkedBlockingQueue<>();
            CompletableFuture<Object> twice = panel.invoke("main:twice", 21);
            twice.whenComplete((v, f) -> threads.add(Thread.currentThread().getName()));
            assertEquals(42, ((Number) get(twice)).intValue());
            String thread = poll(threads);
            assertFalse(thread.startsWith("typed-ipc-renderer-"), "no renderer dispatch thread: " + thread);
            ExecutionException noHandler = assertThrows(ExecutionException.class,
                    () -> panel.invoke("main:missing").get(Rig.WAIT_SECONDS, TimeUnit.SECONDS));
            assertTrue(noHandler.getCause().getMessage().contains("main:missing"), noHandler.getCause().getMessage());
        }
    }
}
