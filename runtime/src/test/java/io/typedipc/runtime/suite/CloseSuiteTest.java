package io.typedipc.runtime.suite;

import static io.typedipc.runtime.suite.Rig.await;
import static io.typedipc.runtime.suite.Rig.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.IpcDisconnectedException;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.RendererHandle;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** close(): immediate and graceful, on main and on a renderer. */
class CloseSuiteTest {
    private static final String FIXTURES = "io.typedipc.runtime.suite.TransportFixtures#all";

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void closingARendererFailsEverythingPendingOnBothSides(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("panel");
            RendererHandle handle = rig.handle("panel");
            CountDownLatch started = new CountDownLatch(2);
            rig.main.handle("never", (e, v) -> {
                started.countDown();
                return new CompletableFuture<>();
            });
            panel.handle("never", (e, v) -> {
                started.countDown();
                return new CompletableFuture<>();
            });
            CompletableFuture<Object> fromPanel = panel.invoke("never");
            CompletableFuture<Object> fromMain = handle.invoke("never");
            await(started);
            panel.close();
            assertDisconnected(fromPanel);
            assertDisconnected(fromMain);
            assertThrows(IpcDisconnectedException.class, () -> panel.sendSync("never"));
            assertThrows(IpcDisconnectedException.class, () -> panel.send("anything"));
            assertTrue(panel.awaitDisconnect(Rig.WAIT_SECONDS, TimeUnit.SECONDS));
            assertFalse(panel.isConnected());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void closingMainFailsEverythingPendingOnBothSides(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("panel");
            RendererHandle handle = rig.handle("panel");
            CountDownLatch started = new CountDownLatch(2);
            rig.main.handle("never", (e, v) -> {
                started.countDown();
                return new CompletableFuture<>();
            });
            panel.handle("never", (e, v) -> {
                started.countDown();
                return new CompletableFuture<>();
            });
            CompletableFuture<Object> fromPanel = panel.invoke("never");
            CompletableFuture<Object> fromMain = handle.invoke("never");
            await(started);
            rig.main.close();
            assertDisconnected(fromPanel);
            assertDisconnected(fromMain);
            assertTrue(panel.awaitDisconnect(Rig.WAIT_SECONDS, TimeUnit.SECONDS));
            assertThrows(IpcDisconnectedException.class, () -> handle.sendSync("never"));
            assertTrue(rig.main.renderers().isEmpty());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void aRendererClosingGracefullyFinishesInFlightWorkAndRefusesNewWork(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("panel");
            CompletableFuture<String> mainGate = new CompletableFuture<>();
            CompletableFuture<String> panelGate = new CompletableFuture<>();
            CountDownLatch started = new CountDownLatch(2);
            rig.main.handle("slow", (e, v) -> {
                started.countDown();
                return mainGate.copy();
            });
            panel.handle("slow", (e, v) -> {
                started.countDown();
                return panelGate.copy();
            });
            rig.main.handle("echo", (e, v) -> v[0]);
            CompletableFuture<Object> outgoing = panel.invoke("slow");
            CompletableFuture<Object> incoming = rig.handle("panel").invoke("slow");
            await(started);

            CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(() -> panel.closeGracefully(Rig.WAIT));
            awaitClosing(panel);
            IpcDisconnectedException refusedOut = assertThrows(IpcDisconnectedException.class, () -> panel.sendSync("echo", 1));
            assertTrue(refusedOut.getMessage().contains("closing"), refusedOut.getMessage());
            ExecutionException refusedIn = assertThrows(ExecutionException.class,
                    () -> get(rig.handle("panel").invoke("slow")));
            assertInstanceOf(IpcDisconnectedException.class, refusedIn.getCause());
            assertFalse(closed.isDone());

            mainGate.complete("main answered");
            panelGate.complete("panel answered");
            assertEquals("main answered", get(outgoing));
            assertEquals("panel answered", get(incoming));
            assertTrue(get(closed));
            assertTrue(panel.awaitDisconnect(Rig.WAIT_SECONDS, TimeUnit.SECONDS));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void mainClosingGracefullyFinishesInFlightWorkAndRefusesNewWork(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("panel");
            CompletableFuture<String> gate = new CompletableFuture<>();
            CountDownLatch started = new CountDownLatch(1);
            rig.main.handle("slow", (e, v) -> {
                started.countDown();
                return gate.copy();
            });
            CompletableFuture<Object> inFlight = panel.invoke("slow");
            await(started);
            CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(() -> rig.main.closeGracefully(Rig.WAIT));
            awaitClosing(rig.main);
            IpcDisconnectedException refused = assertThrows(IpcDisconnectedException.class, () -> panel.sendSync("slow"));
            assertTrue(refused.getMessage().contains("closing"), refused.getMessage());
            assertThrows(IpcDisconnectedException.class, () -> rig.main.broadcast("theme", "dark"));
            assertFalse(closed.isDone());
            gate.complete("finished");
            assertEquals("finished", get(inFlight));
            assertTrue(get(closed));
            assertTrue(panel.awaitDisconnect(Rig.WAIT_SECONDS, TimeUnit.SECONDS));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void aGracefulCloseThatRunsOutOfTimeClosesAtOnce(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("panel");
            CountDownLatch started = new CountDownLatch(1);
            rig.main.handle("never", (e, v) -> {
                started.countDown();
                return new CompletableFuture<>();
            });
            CompletableFuture<Object> pending = panel.invoke("never");
            await(started);
            assertFalse(panel.closeGracefully(Duration.ofMillis(200)));
            assertDisconnected(pending);
        }
    }

    /** Waits (bounded) until closeGracefully, running on another thread, has flipped the context to closing. */
    private static void awaitClosing(io.typedipc.runtime.IpcContext context) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Rig.WAIT_SECONDS);
        while (!context.isClosing()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the context did not start closing within " + Rig.WAIT_SECONDS + " s");
            }
            Thread.sleep(1); // polling a condition with a deadline, without spinning a core
        }
    }

    private static void assertDisconnected(CompletableFuture<Object> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> get(future));
        assertInstanceOf(IpcDisconnectedException.class, e.getCause());
    }
}
