package io.typedipc.runtime.suite;

import static io.typedipc.runtime.suite.Rig.await;
import static io.typedipc.runtime.suite.Rig.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.CallOptions;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.IpcTimeoutException;
import io.typedipc.runtime.RendererHandle;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The untyped {@code sendSync} / {@code invoke} with {@link CallOptions}: the call's own deadline wins over the
 * context's default, in every direction. The contexts' defaults are 20 s, so a call that ends with "no reply within
 * 300 ms" ended at its own deadline (one that ignored it would end with "within 20000 ms"); the serving handler sees
 * the cancellation ({@code $/cancelRequest}).
 */
class PerCallDeadlineSuiteTest {
    private static final String FIXTURES = "io.typedipc.runtime.suite.TransportFixtures#all";
    private static final IpcSettings PATIENT = IpcSettings.builder().defaultDeadline(Duration.ofSeconds(20)).build();
    private static final CallOptions QUICK = CallOptions.DEFAULT.withDeadline(Duration.ofMillis(300));

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void aRendererCallsMainWithItsOwnDeadline(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture, PATIENT)) {
            IpcRenderer panel = rig.connect("panel", PATIENT);
            CountDownLatch cancelled = new CountDownLatch(2);
            rig.main.handle("slow:job", (event, args) -> neverAnswered(cancelled));
            rig.main.handle("fast:job", (event, args) -> "done " + args[0]);

            IpcTimeoutException blocking = assertThrows(IpcTimeoutException.class,
                    () -> panel.sendSync("slow:job", QUICK, "a"));
            assertTrue(blocking.getMessage().endsWith("slow:job: no reply within 300 ms"), blocking.getMessage());
            ExecutionException async = assertThrows(ExecutionException.class,
                    () -> get(panel.invoke("slow:job", QUICK, "b")));
            IpcTimeoutException timeout = assertInstanceOf(IpcTimeoutException.class, async.getCause());
            assertTrue(timeout.getMessage().endsWith("no reply within 300 ms"), timeout.getMessage());
            await(cancelled); // both handlers' futures were cancelled by main on the renderer's $/cancelRequest

            CallOptions patient = CallOptions.DEFAULT.withDeadline(Rig.WAIT);
            assertEquals("done 1", panel.sendSync("fast:job", patient, 1), "the connection is fine afterwards");
            assertEquals("done 2", get(panel.invoke("fast:job", CallOptions.DEFAULT, 2)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void mainCallsARendererWithItsOwnDeadline(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture, PATIENT)) {
            IpcRenderer panel = rig.connect("panel", PATIENT);
            RendererHandle handle = rig.handle("panel");
            CountDownLatch cancelled = new CountDownLatch(2);
            panel.handle("slow:job", (event, args) -> neverAnswered(cancelled));

            ExecutionException async = assertThrows(ExecutionException.class,
                    () -> get(handle.invoke("slow:job", QUICK)));
            assertInstanceOf(IpcTimeoutException.class, async.getCause());
            IpcTimeoutException viaPeer = assertThrows(IpcTimeoutException.class,
                    () -> rig.main.peer("panel").sendSync("slow:job", QUICK));
            assertTrue(viaPeer.getMessage().endsWith("no reply within 300 ms"), viaPeer.getMessage());
            await(cancelled);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void aRoutedCallCarriesItsOwnDeadline(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture, PATIENT)) {
            IpcRenderer a = rig.connect("a", PATIENT);
            IpcRenderer b = rig.connect("b", PATIENT);
            CountDownLatch cancelled = new CountDownLatch(1);
            b.handle("slow:job", (event, args) -> neverAnswered(cancelled));

            IpcTimeoutException timeout = assertThrows(IpcTimeoutException.class,
                    () -> a.peer("b").sendSync("slow:job", QUICK));
            assertTrue(timeout.getMessage().endsWith("no reply within 300 ms"), timeout.getMessage());
            await(cancelled); // main gave up on the forwarded request at the same deadline and told b
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void aLongerPerCallDeadlineOutlastsAShortContextDefault(TransportFixture fixture) throws Exception {
        IpcSettings hasty = IpcSettings.builder().defaultDeadline(Duration.ofMillis(200)).build();
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("panel", hasty);
            CountDownLatch release = new CountDownLatch(1);
            rig.main.handle("late:job", (event, args) -> {
                Rig.awaitQuietly(release);
                return "late but in time";
            });
            CompletableFuture<Object> call = panel.invoke("late:job", CallOptions.DEFAULT.withDeadline(Rig.WAIT));
            Thread.sleep(600); // three times the context's default: without the call's own deadline it would be over
            release.countDown();
            assertEquals("late but in time", get(call));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void nullOptionsAreRefusedBeforeAnythingIsSent(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("panel");
            RendererHandle handle = rig.handle("panel");
            CallOptions none = null;
            assertThrows(NullPointerException.class, () -> panel.sendSync("x:y", none));
            assertThrows(NullPointerException.class, () -> panel.invoke("x:y", none));
            assertThrows(NullPointerException.class, () -> handle.sendSync("x:y", none));
            assertThrows(NullPointerException.class, () -> rig.main.peer("panel").invoke("x:y", none));
            assertThrows(NullPointerException.class, () -> panel.peer("panel").sendSync("x:y", none));
            assertThrows(NullPointerException.class, () -> rig.main.self().invoke("x:y", none));
        }
    }

    /** A handler's answer that never comes; counts {@code cancelled} down when the runtime cancels it. */
    private static CompletableFuture<Object> neverAnswered(CountDownLatch cancelled) {
        CompletableFuture<Object> work = new CompletableFuture<>();
        work.whenComplete((value, failure) -> {
            if (failure instanceof CancellationException) {
                cancelled.countDown();
            }
        });
        return work;
    }
}
