package io.typedipc.runtime.suite;

import static io.typedipc.runtime.suite.Rig.WAIT;
import static io.typedipc.runtime.suite.Rig.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.IpcInterceptor;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.IpcTimeoutException;
import io.typedipc.runtime.NoSuchRendererException;
import io.typedipc.runtime.PingResult;
import io.typedipc.runtime.TraceRecorder;
import io.typedipc.runtime.TracedFrame;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code $/ping} on every kind of peer: answered by the runtime, timed, bounded by its deadline. */
class PingSuiteTest {
    private static final String FIXTURES = "io.typedipc.runtime.suite.TransportFixtures#all";

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void everyPeerAnswersAPingWithItsRoundTrip(TransportFixture fixture) throws Exception {
        List<Object> intercepted = new CopyOnWriteArrayList<>();
        IpcInterceptor record = intercepted::add;
        TraceRecorder trace = new TraceRecorder();
        IpcSettings watched = IpcSettings.builder().interceptIncoming(record).interceptOutgoing(record).trace(trace).build();
        try (Rig rig = new Rig(fixture, watched)) {
            IpcRenderer a = rig.connect("a", watched);
            rig.connect("b", watched);
            for (CompletableFuture<PingResult> ping : List.of(a.ping(WAIT), rig.handle("a").ping(WAIT),
                    a.peer("b").ping(WAIT), a.peer(rig.handle("b").id()).ping(WAIT), rig.main.peer("b").ping(WAIT),
                    rig.main.self().ping(WAIT))) {
                PingResult result = get(ping);
                assertTrue(result.supported());
                assertFalse(result.roundTrip().isNegative());
                assertTrue(result.roundTrip().compareTo(WAIT) < 0, result.toString());
            }
            assertEquals(List.of(), intercepted, "a ping is not a call");
            assertTrue(trace.frames().stream().anyMatch(f -> f.kind() == TracedFrame.Kind.REQUEST
                    && "$/ping".equals(f.method()) && f.context().equals("main")), "but the trace shows it");
            assertTrue(trace.frames().stream().anyMatch(f -> f.kind() == TracedFrame.Kind.RESULT
                    && "$/ping".equals(f.method()) && f.text().contains("\"result\":{}")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void aPingToNobodyFailsAsARequestWould(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer a = rig.connect("a");
            assertInstanceOf(NoSuchRendererException.class,
                    assertThrows(ExecutionException.class, () -> get(a.peer("ghost").ping(WAIT))).getCause());
            assertInstanceOf(NoSuchRendererException.class,
                    assertThrows(ExecutionException.class, () -> get(rig.main.peer("ghost").ping(WAIT))).getCause());
            assertThrows(NullPointerException.class, () -> a.ping(null));
            assertThrows(IllegalArgumentException.class, () -> a.ping(Duration.ZERO));
            assertThrows(IllegalArgumentException.class, () -> a.peer("b").ping(Duration.ofMillis(-1)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void aPingWaitsBehindABusyPeerAndEndsAtItsDeadline(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch busy = new CountDownLatch(1);
            IpcRenderer a = rig.connect("a");
            a.on("a:hold", (event, args) -> {
                busy.countDown();
                Rig.awaitQuietly(release); // the renderer's dispatch thread is stuck in user code
            });
            rig.handle("a").send("a:hold");
            Rig.await(busy);
            CompletableFuture<PingResult> stuck = rig.handle("a").ping(Duration.ofMillis(300));
            assertInstanceOf(IpcTimeoutException.class, assertThrows(ExecutionException.class, () -> get(stuck)).getCause());
            release.countDown();
            assertTrue(get(rig.handle("a").ping(WAIT)).supported(), "answers again once it is free");
        }
    }
}
