package io.typedipc.runtime.suite;

import static io.typedipc.runtime.suite.Rig.get;
import static io.typedipc.runtime.suite.Rig.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.typedipc.runtime.CallOptions;
import io.typedipc.runtime.IpcDisconnectedException;
import io.typedipc.runtime.IpcHandler;
import io.typedipc.runtime.IpcPeer;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.IpcTimeoutException;
import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.codegen.TypeRecipe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code invoke(...)} followed by {@code get()}/{@code join()} on a thread that is not the context's executor: the
 * waiting thread takes the reply and decodes it itself (no hop through the dispatch thread, and exactly one decode),
 * callbacks registered before the reply still run on the dispatch thread, and a waiter that gives up while the reply
 * arrives loses nothing.
 */
class WaiterSettlesSuiteTest {
    private static final String FIXTURES = "io.typedipc.runtime.suite.TransportFixtures#all";

    /** Every decode of a {@link Decoded} value, with the thread that made it. */
    static final ConcurrentLinkedQueue<Thread> DECODES = new ConcurrentLinkedQueue<>();

    /** A result whose decoding is user code (a creator): it records the thread that decodes it. */
    record Decoded(String text) {
        @JsonCreator
        static Decoded of(String text) {
            DECODES.add(Thread.currentThread());
            return new Decoded(text);
        }

        @JsonValue
        String json() {
            return text;
        }
    }

    private static final MethodDescriptor<Decoded> ECHO = MethodDescriptor.<Decoded>builder("settle:echo",
            MethodDescriptor.Kind.ASYNC).parameter("text", TypeRecipe.of(String.class))
            .result(TypeRecipe.of(Decoded.class)).build();

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void aThreadWaitingOnTheFutureDecodesTheReplyItselfExactlyOnce(TransportFixture fixture) throws Exception {
        ExecutorService answers = Executors.newSingleThreadExecutor(ThreadsSuiteTest.named("answer"));
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("panel");
            Thread self = Thread.currentThread();
            // Each reply is held until this thread waits for it, so that the waiter is there when it comes.
            IpcHandler whenWaiting = (e, a) -> {
                CompletableFuture<Object> later = new CompletableFuture<>();
                answers.execute(() -> {
                    awaitBlocked(self);
                    later.complete(a[0]);
                });
                return later;
            };
            rig.main.handle("settle:echo", whenWaiting);
            panel.handle("settle:echo", whenWaiting);
            // Both directions: neither the renderer's dispatch thread nor main's takes part.
            for (IpcPeer peer : List.<IpcPeer>of(panel, rig.handle("panel"))) {
                DECODES.clear();
                int calls = 60;
                for (int i = 0; i < calls; i++) {
                    CompletableFuture<Decoded> future = peer.invoke(ECHO, CallOptions.DEFAULT, "m" + i);
                    Decoded value = i % 2 == 0 ? future.get() : future.join();
                    assertEquals("m" + i, value.text());
                }
                List<Thread> decodes = new ArrayList<>(DECODES);
                assertEquals(calls, decodes.size(), "one decode per reply");
                for (Thread thread : decodes) {
                    assertSame(self, thread, "decoded on " + thread.getName());
                }
            }
        } finally {
            answers.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void callbacksRegisteredBeforeTheReplyStillRunOnTheDispatchThreadWhileAThreadWaits(TransportFixture fixture)
            throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("panel");
            CompletableFuture<String> gate = new CompletableFuture<>();
            rig.main.handle("settle:echo", (e, a) -> gate.copy());
            CompletableFuture<Decoded> future = panel.invoke(ECHO, CallOptions.DEFAULT, "x");
            LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();
            CompletableFuture<String> derived = future.thenApply(v -> {
                seen.add("thenApply " + Thread.currentThread().getName());
                return v.text();
            });
            future.whenComplete((v, f) -> seen.add("whenComplete " + Thread.currentThread().getName()));
            LinkedBlockingQueue<Object> waited = new LinkedBlockingQueue<>();
            Thread waiter = new Thread(() -> {
                try {
                    waited.add(future.get().text() + "/" + derived.get());
                } catch (Exception e) {
                    waited.add(e);
                }
            }, "waiter");
            waiter.start();
            awaitBlocked(waiter);
            gate.complete("done");
            assertEquals("done/done", poll(waited));
            List<String> both = List.of(poll(seen), poll(seen));
            assertTrue(both.contains("thenApply typed-ipc-renderer-panel"), both.toString());
            assertTrue(both.contains("whenComplete typed-ipc-renderer-panel"), both.toString());
            // and a derived stage waited on from outside runs its function on the dispatch thread too
            CompletableFuture<String> second = new CompletableFuture<>();
            rig.main.handle("settle:later", (e, a) -> second.copy());
            CompletableFuture<String> where = panel.invoke("settle:later")
                    .thenApply(v -> v + " on " + Thread.currentThread().getName());
            Thread self = Thread.currentThread();
            Thread answer = new Thread(() -> {
                awaitBlocked(self);
                second.complete("late");
            }, "answer");
            answer.start();
            assertEquals("late on typed-ipc-renderer-panel", where.get(Rig.WAIT_SECONDS, TimeUnit.SECONDS));
            answer.join();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void noCompletionIsLostWhenTheWaitersTimeoutRacesTheReply(TransportFixture fixture) throws Exception {
        ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor(ThreadsSuiteTest.named("answer"));
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("panel");
            Random random = new Random(11);
            rig.main.handle("settle:echo", (e, a) -> {
                CompletableFuture<String> later = new CompletableFuture<>();
                answers.schedule(() -> later.complete((String) a[0]), random.nextInt(1500), TimeUnit.MICROSECONDS);
                return later;
            });
            DECODES.clear();
            int calls = 400;
            int timedOut = 0;
            for (int i = 0; i < calls; i++) {
                CompletableFuture<Decoded> future = panel.invoke(ECHO, CallOptions.DEFAULT, "r" + i);
                // Short waits that give up around when the reply comes, then one generous wait.
                for (int tries = 0; tries < 3 && !future.isDone(); tries++) {
                    try {
                        future.get(random.nextInt(700), TimeUnit.MICROSECONDS);
                    } catch (TimeoutException e) {
                        timedOut++;
                    }
                }
                assertEquals("r" + i, get(future).text());
            }
            assertTrue(timedOut > 0, "no wait gave up: the race was not exercised");
            assertEquals(calls, DECODES.size(), "one decode per reply");
        } finally {
            answers.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void aWaiterLearnsOfDeadlineCancellationAndDisconnect(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("panel");
            rig.main.handle("settle:never", (e, a) -> new CompletableFuture<>());
            // the deadline: the only call here that is meant to time out gets a short one
            CompletableFuture<Object> late = panel.invoke("settle:never",
                    CallOptions.DEFAULT.withDeadline(Duration.ofMillis(200)));
            ExecutionException timeout = assertThrows(ExecutionException.class, late::get);
            assertInstanceOf(IpcTimeoutException.class, timeout.getCause());
            // cancellation by another thread while this one waits
            CompletableFuture<Object> cancelled = panel.invoke("settle:never");
            Thread canceller = new Thread(() -> cancelled.cancel(true), "canceller");
            Thread self = Thread.currentThread();
            Thread watcher = new Thread(() -> {
                awaitBlocked(self);
                canceller.start();
            }, "watcher");
            watcher.start();
            assertThrows(CancellationException.class, cancelled::join);
            // the disconnect, while a waiter waits
            CompletableFuture<Object> cut = panel.invoke("settle:never");
            Thread closer = new Thread(() -> {
                awaitBlocked(self);
                panel.close();
            }, "closer");
            closer.start();
            ExecutionException gone = assertThrows(ExecutionException.class, () -> cut.get(Rig.WAIT_SECONDS,
                    TimeUnit.SECONDS));
            assertInstanceOf(IpcDisconnectedException.class, gone.getCause());
            watcher.join();
            closer.join();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void inDirectModeTheWaiterDecodesAndCallbacksStayOnTheReceivingThread(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("panel", IpcSettings.builder().directExecutor().build());
            Thread self = Thread.currentThread();
            CompletableFuture<String> first = new CompletableFuture<>();
            rig.main.handle("settle:echo", (e, a) -> first.copy());
            DECODES.clear();
            CompletableFuture<Decoded> decoded = panel.invoke(ECHO, CallOptions.DEFAULT, "d");
            Thread answerFirst = new Thread(() -> {
                awaitBlocked(self);
                first.complete("d");
            }, "answer");
            answerFirst.start();
            assertEquals("d", decoded.get().text());
            assertEquals(List.of(self), List.copyOf(DECODES), "decoded by the waiter, not on the receiving thread");
            answerFirst.join();
            // A callback registered before the reply runs where the reply is received, not on the waiting thread.
            CompletableFuture<String> gate = new CompletableFuture<>();
            rig.main.handle("settle:gated", (e, a) -> gate.copy());
            LinkedBlockingQueue<Thread> callbacks = new LinkedBlockingQueue<>();
            CompletableFuture<Object> future = panel.invoke("settle:gated");
            future.whenComplete((v, f) -> callbacks.add(Thread.currentThread()));
            Thread answer = new Thread(() -> {
                awaitBlocked(self);
                gate.complete("c");
            }, "answer");
            answer.start();
            assertEquals("c", future.get());
            assertNotSame(Thread.currentThread(), poll(callbacks));
            answer.join();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void aDispatchThreadHeldUpPastTheDeadlineDoesNotKeepTheWaiterFromAReplyThatIsIn(TransportFixture fixture)
            throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("panel");
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
            panel.on("settle:hold", (e, a) -> { // holds the renderer's dispatch thread until the test lets go
                holding.countDown();
                Rig.awaitQuietly(release);
            });
            rig.main.handle("settle:quick", (e, a) -> "in");
            try {
                rig.handle("panel").send("settle:hold");
                Rig.await(holding);
                // The only request here meant to run out its deadline: it is answered at once, but its callback
                // needs the held dispatch thread, so the waiter completes it itself when the deadline comes.
                CompletableFuture<Object> future = panel.invoke("settle:quick",
                        CallOptions.DEFAULT.withDeadline(Duration.ofMillis(600)));
                LinkedBlockingQueue<Thread> callbacks = new LinkedBlockingQueue<>();
                future.whenComplete((v, f) -> callbacks.add(Thread.currentThread()));
                long start = System.nanoTime();
                assertEquals("in", future.get(Rig.WAIT_SECONDS, TimeUnit.SECONDS));
                long waited = System.nanoTime() - start;
                // By the 600 ms deadline, give or take a busy machine; not the waiter's own 30 s.
                assertTrue(waited < TimeUnit.SECONDS.toNanos(Rig.WAIT_SECONDS / 2), "waited " + waited + " ns");
                assertSame(Thread.currentThread(), poll(callbacks), "the waiter ran the callback, at the deadline");
            } finally {
                release.countDown();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void withTheApplicationsExecutorTheWaiterRunsTheCallbacksItself(TransportFixture fixture) throws Exception {
        ExecutorService app = Executors.newSingleThreadExecutor(ThreadsSuiteTest.named("app"));
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("panel", IpcSettings.builder().executor(app).build());
            CompletableFuture<String> gate = new CompletableFuture<>();
            rig.main.handle("settle:gated", (e, a) -> gate.copy());
            CompletableFuture<Object> future = panel.invoke("settle:gated");
            LinkedBlockingQueue<Thread> callbacks = new LinkedBlockingQueue<>();
            future.whenComplete((v, f) -> callbacks.add(Thread.currentThread()));
            Thread self = Thread.currentThread();
            Thread answer = new Thread(() -> {
                awaitBlocked(self);
                gate.complete("g");
            }, "answer");
            answer.start();
            assertEquals("g", future.get());
            // The waiter may be that executor's only thread, so it never waits for it (runtime.md, Threads).
            assertSame(self, poll(callbacks));
            answer.join();
        } finally {
            app.shutdownNow();
        }
    }

    /** Waits until {@code thread} is blocked waiting on a request's future, for at most the suite's generous wait. */
    static void awaitBlocked(Thread thread) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(Rig.WAIT_SECONDS);
        while (System.nanoTime() < end) {
            Thread.State state = thread.getState();
            if ((state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) && inFutureWait(thread)) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError(thread.getName() + " never blocked");
    }

    private static boolean inFutureWait(Thread thread) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().equals("io.typedipc.runtime.internal.engine.ServingFuture")) {
                return true;
            }
        }
        return false;
    }
}
