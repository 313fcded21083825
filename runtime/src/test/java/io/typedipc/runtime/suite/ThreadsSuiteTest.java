package io.typedipc.runtime.suite;

import io.typedipc.runtime.CallOptions;
import static io.typedipc.runtime.suite.Rig.get;
import static io.typedipc.runtime.suite.Rig.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.IpcEvent;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.IpcTimeoutException;
import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.codegen.TypeRecipe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Where user code runs, message order, and blocking calls that cannot deadlock. */
class ThreadsSuiteTest {
    private static final String FIXTURES = "io.typedipc.runtime.suite.TransportFixtures#all";
    private static final MethodDescriptor<String> VERSION = MethodDescriptor.<String>builder("main:version",
            MethodDescriptor.Kind.BLOCKING).result(TypeRecipe.of(String.class)).build();
    private static final MethodDescriptor<Object> NEVER = MethodDescriptor.<Object>builder("never",
            MethodDescriptor.Kind.ASYNC).result(TypeRecipe.of(Object.class)).build();

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void handlersListenersAndFutureCallbacksRunOnTheDispatchThreadsNeverOnReaders(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("panel");
            LinkedBlockingQueue<String> threads = new LinkedBlockingQueue<>();
            CompletableFuture<String> gate = new CompletableFuture<>();
            rig.main.handle("work", (e, v) -> {
                threads.add("handler " + Thread.currentThread().getName());
                return gate.copy();
            });
            rig.main.on("note", (e, v) -> threads.add("listener " + Thread.currentThread().getName()));
            panel.on("back", (e, v) -> threads.add("renderer listener " + Thread.currentThread().getName()));
            CompletableFuture<Object> call = panel.invoke("work");
            call.whenComplete((v, f) -> threads.add("callback " + Thread.currentThread().getName()));
            assertEquals("handler typed-ipc-main", poll(threads));
            gate.complete("done"); // the reply now comes in on whatever thread the transport reads with
            assertEquals("callback typed-ipc-renderer-panel", poll(threads));
            panel.send("note");
            assertEquals("listener typed-ipc-main", poll(threads));
            rig.handle("panel").send("back");
            assertEquals("renderer listener typed-ipc-renderer-panel", poll(threads));
            assertEquals("done", get(call));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void aSuppliedExecutorRunsTheHandlers(TransportFixture fixture) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3, named("app-pool"));
        try (Rig rig = new Rig(fixture, IpcSettings.builder().executor(pool).build())) {
            IpcRenderer panel = rig.connect("panel", IpcSettings.builder().executor(pool).build());
            rig.main.handle("where", (e, v) -> Thread.currentThread().getName());
            LinkedBlockingQueue<String> threads = new LinkedBlockingQueue<>();
            panel.invoke("where").whenComplete((v, f) -> threads.add(v + " / " + Thread.currentThread().getName()));
            String both = poll(threads);
            assertTrue(both.matches("app-pool-\\d+ / (app-pool-\\d+|main)"), both);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void oneWayMessagesAndRequestsFromOneSenderKeepTheirOrder(TransportFixture fixture) throws Exception {
        checkOrder(fixture, IpcSettings.defaults());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void orderIsKeptWithAThreadPoolExecutorToo(TransportFixture fixture) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4, named("order-pool"));
        try {
            checkOrder(fixture, IpcSettings.builder().executor(pool).build());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void checkOrder(TransportFixture fixture, IpcSettings mainSettings) throws Exception {
        int count = 600;
        try (Rig rig = new Rig(fixture, mainSettings)) {
            IpcRenderer a = rig.connect("a");
            IpcRenderer b = rig.connect("b");
            List<Integer> seenFromA = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Integer> seenFromB = java.util.Collections.synchronizedList(new ArrayList<>());
            rig.main.on("seq:note", (e, v) -> (e.senderName().equals("a") ? seenFromA : seenFromB).add(((Number) v[0]).intValue()));
            rig.main.handle("seq:ask", (e, v) -> {
                (e.senderName().equals("a") ? seenFromA : seenFromB).add(((Number) v[0]).intValue());
                return v[0];
            });
            List<CompletableFuture<Object>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                for (IpcRenderer r : List.of(a, b)) {
                    if (i % 3 == 0) {
                        answers.add(r.invoke("seq:ask", i));
                    } else {
                        r.send("seq:note", i);
                    }
                }
            }
            answers.add(a.invoke("seq:ask", count));
            answers.add(b.invoke("seq:ask", count));
            for (CompletableFuture<Object> answer : answers) {
                get(answer);
            }
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i <= count; i++) {
                expected.add(i);
            }
            assertEquals(expected, List.copyOf(seenFromA));
            assertEquals(expected, List.copyOf(seenFromB));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void aMainHandlerCallsBackBlockingIntoTheRendererThatIsBlockedOnIt(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("panel");
            panel.handle("panel:selection", (e, v) -> "uuid-7 on " + Thread.currentThread().getName());
            rig.main.handle("main:inspect", (event, v) ->
                    "main saw [" + event.sender().sendSync("panel:selection") + "]"); // blocking, on main's dispatch thread
            // make the renderer's own dispatch thread do the blocking call
            panel.handle("panel:start", (e, v) -> panel.sendSync("main:inspect"));
            assertEquals("main saw [uuid-7 on typed-ipc-renderer-panel]", rig.handle("panel").sendSync("panel:start"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void aRendererHandlerCallsMainWhileMainWaitsOnIt(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("panel");
            rig.main.handle("main:version", (e, v) -> "3.8");
            panel.handle("panel:describe", (e, v) -> "panel on " + panel.sendSync("main:version"));
            LinkedBlockingQueue<Object> result = new LinkedBlockingQueue<>();
            // main's dispatch thread makes a blocking call to the renderer, whose handler calls main back
            rig.main.on("main:kick", (event, v) -> result.add(event.sender().sendSync("panel:describe")));
            panel.send("main:kick");
            assertEquals("panel on 3.8", poll(result));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void withASingleThreadExecutorAReEntrantCallEndsAtItsDeadline(TransportFixture fixture) throws Exception {
        ExecutorService single = Executors.newSingleThreadExecutor(named("ui-thread"));
        try (Rig rig = new Rig(fixture, IpcSettings.builder().executor(single).build())) {
            IpcRenderer panel = rig.connect("panel");
            rig.main.handle("main:version", (e, v) -> "3.8");
            panel.handle("panel:describe", (e, v) -> {
                try {
                    // the call expected to time out gets a short deadline; the rest keep the default 30 s
                    return "panel on " + panel.call(VERSION, CallOptions.DEFAULT.withDeadline(Duration.ofMillis(400)));
                } catch (IpcTimeoutException timeout) {
                    return "main did not answer: " + timeout.code();
                }
            });
            LinkedBlockingQueue<Object> result = new LinkedBlockingQueue<>();
            rig.main.on("main:kick", (event, v) -> result.add(event.sender().sendSync("panel:describe")));
            panel.send("main:kick");
            // main's only thread is blocked in sendSync, so it cannot serve main:version: the renderer's deadline fires
            assertEquals("main did not answer: -32003", poll(result));
            assertEquals("3.8", panel.sendSync("main:version")); // and main is fine afterwards
        } finally {
            single.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void waitingOnFuturesOnTheDispatchThreadNeverHangs(TransportFixture fixture) throws Exception {
        ExecutorService single = Executors.newSingleThreadExecutor(named("ui-thread"));
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("panel");
            IpcRenderer app = rig.connect("app", IpcSettings.builder().executor(single).build());
            rig.main.handle("never", (e, v) -> new CompletableFuture<>());
            rig.main.handle("twice", (e, v) -> ((Number) v[0]).intValue() * 2);
            // only the calls that are meant to time out get a short deadline
            CallOptions quick = CallOptions.DEFAULT.withDeadline(Duration.ofMillis(300));
            for (IpcRenderer r : List.of(panel, app)) {
                // on the renderer's dispatch thread (or its executor's only thread): get() without a timeout
                r.handle("wait:plain", (e, v) -> describe(() -> r.invoke(NEVER, quick).get()));
                r.handle("wait:derived", (e, v) -> describe(() -> r.invoke(NEVER, quick).thenApply(x -> x).get()));
                r.handle("wait:join", (e, v) -> describe(() -> r.invoke("twice", 21).thenApply(x -> "joined " + x).join()));
                assertEquals("failed: IpcTimeoutException", rig.handle(r.name()).sendSync("wait:plain"));
                assertEquals("failed: IpcTimeoutException", rig.handle(r.name()).sendSync("wait:derived"));
                assertEquals("joined 42", rig.handle(r.name()).sendSync("wait:join"));
            }
        } finally {
            single.shutdownNow();
        }
    }

    private static String describe(java.util.concurrent.Callable<Object> wait) {
        try {
            return String.valueOf(wait.call());
        } catch (ExecutionException e) {
            return "failed: " + e.getCause().getClass().getSimpleName();
        } catch (Exception e) {
            return "failed: " + e.getClass().getSimpleName();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void theEventIsCurrentOnlyWhileTheHandlerRuns(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("panel");
            rig.main.handle("who", (e, v) -> IpcEvent.current().senderName() + "/" + (IpcEvent.current() == e));
            assertEquals("panel/true", panel.sendSync("who"));
            IllegalStateException outside = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    IpcEvent::current);
            assertTrue(outside.getMessage().contains("handler"), outside.getMessage());
        }
    }

    static ThreadFactory named(String prefix) {
        AtomicInteger next = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + next.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
