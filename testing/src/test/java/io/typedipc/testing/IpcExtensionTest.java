package io.typedipc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.typedipc.runtime.Binding;
import io.typedipc.runtime.IpcError;
import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.RemoteException;
import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.NoSuchChannelException;
import io.typedipc.runtime.codegen.TypeRecipe;
import io.typedipc.runtime.transport.ChildProcessTransport.ChildRenderer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

/**
 * The kit run as a user runs it: each example class below is a test class written with the kit, run on the JUnit
 * Jupiter engine with {@link EngineTestKit}, and this test checks how each example ended. The examples are static
 * nested classes, so the build never runs them on their own.
 */
class IpcExtensionTest {
    private static final long WAIT = 30;

    @Test
    void aTestThatWaitsForItsCallsPassesAndEverythingIsClosedAfterIt() {
        Events tests = run(Passing.class);
        tests.assertThatEvents().haveExactly(1, event(test("exchanges"), finishedSuccessfully()));
        assertTrue(Passing.main.get().isClosing(), "main is closed after the test");
        assertFalse(Passing.renderer.get().isConnected(), "the renderer is closed after the test");
    }

    @Test
    void aLeakedPendingRequestFailsTheTestAndNamesIt() {
        Events tests = run(Leaking.class);
        tests.assertThatEvents().haveExactly(1, event(test("firesAndForgets"), finishedWithFailure(
                instanceOf(AssertionFailedError.class),
                message(m -> m.startsWith("leaked pending request (no reply 200 ms after the test): ")
                        && m.contains("never:answered to main")))));
    }

    @Test
    void aHandlerFailureNobodyTookFailsTheTest() {
        Events tests = run(HandlerFails.class);
        tests.assertThatEvents().haveExactly(1, event(test("callsAFailingHandler"), finishedWithFailure(
                message(m -> m.startsWith("unhandled error: HANDLER_FAILED on broken:job (renderer panel#1)")
                        && m.contains("the handler of broken:job failed")))));
        tests.assertThatEvents().haveExactly(1, event(test("takesTheErrorItExpects"), finishedSuccessfully()));
    }

    @Test
    void aFailingOneWayListenerFailsTheTest() {
        run(ListenerFails.class).assertThatEvents().haveExactly(1, event(test("sendsToAFailingListener"),
                finishedWithFailure(message(m -> m.startsWith("unhandled error: LISTENER_FAILED on panel:tick")))));
    }

    @Test
    void aProtocolViolationFailsTheTest() {
        run(BadArguments.class).assertThatEvents().haveExactly(1, event(test("sendsAStringForAnInt"),
                finishedWithFailure(message(m -> m.startsWith("unhandled error: PROTOCOL_VIOLATION on math:double")))));
    }

    @Test
    void failOnErrorsFalseLetsErrorsPass() {
        run(ErrorsAllowed.class).assertThatEvents().haveExactly(1,
                event(test("callsAFailingHandler"), finishedSuccessfully()));
    }

    @Test
    void aFailingTestGetsTheMessageTraceAsAReportEntry() {
        Events tests = run(FailsItself.class);
        tests.assertThatEvents().haveExactly(1, event(test("exchangesThenFails"),
                finishedWithFailure(message("the test's own failure"))));
        List<String> traces = tests.reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                .filter(entry -> entry.containsKey(IpcExtension.TRACE_REPORT_KEY))
                .map(entry -> entry.get(IpcExtension.TRACE_REPORT_KEY)).toList();
        assertEquals(1, traces.size(), "one trace for the one failed test");
        assertTrue(traces.get(0).contains("trace:ping"), traces.get(0));
        assertTrue(traces.get(0).contains("main <- renderer panel#1"), traces.get(0));
    }

    @Test
    void aPassingTestPublishesNoTrace() {
        Events tests = run(Passing.class);
        assertEquals(0, tests.reportingEntryPublished().count());
    }

    @Test
    void aChildProcessRendererIsLaunchedAndEndsWithMain() {
        Events tests = run(WithChild.class);
        tests.assertThatEvents().haveExactly(1, event(test("callsTheChild"), finishedSuccessfully()));
        Process process = WithChild.child.get().process();
        assertFalse(process.isAlive(), "the child ended when the kit closed main");
        assertEquals(0, process.exitValue());
    }

    @Test
    void aChildThatExitsWithAnErrorAfterMainClosedFailsTheTest() {
        run(ChildExitsBadly.class).assertThatEvents().haveExactly(1, event(test("launchesIt"),
                finishedWithFailure(message(m -> m.matches("child renderer grumpy \\(pid \\d+\\) exited with 3 after"
                        + " main closed")))));
    }

    @Test
    void misuseIsRefusedClearly() {
        Events tests = run(Misuse.class);
        tests.assertThatEvents().haveExactly(1, event(test("mainSettingsComeFirst"), finishedSuccessfully()));
        tests.assertThatEvents().haveExactly(1, event(test("noMainMethod"), finishedSuccessfully()));
        tests.assertThatEvents().haveExactly(1, event(test("handleOfAStranger"), finishedSuccessfully()));
        EngineTestKit.engine("junit-jupiter").selectors(DiscoverySelectors.selectClass(PerClassParameter.class))
                .execute().containerEvents().assertThatEvents().haveExactly(1, event(container("PerClassParameter"),
                        finishedWithFailure(instanceOf(ParameterResolutionException.class),
                                message(m -> m.contains("use @BeforeEach, not @BeforeAll")))));
    }

    @Test
    void theSameContextReachesBeforeEachAndTheTest() {
        run(SharedWithBeforeEach.class).assertThatEvents().haveExactly(1,
                event(test("seesTheRendererFromBeforeEach"), finishedSuccessfully()));
    }

    private static Events run(Class<?> example) {
        return EngineTestKit.engine("junit-jupiter").selectors(DiscoverySelectors.selectClass(example)).execute()
                .testEvents();
    }

    // ------------------------------------------------------------------------------- examples, run by EngineTestKit

    @IpcTest
    static class Passing {
        static final AtomicReference<IpcMain> main = new AtomicReference<>();
        static final AtomicReference<IpcRenderer> renderer = new AtomicReference<>();

        @Test
        void exchanges(IpcTestContext ipc) throws Exception {
            main.set(ipc.main());
            ipc.main().handle("math:add", (event, args) -> ((Number) args[0]).intValue() + ((Number) args[1]).intValue());
            IpcRenderer panel = ipc.renderer("panel");
            renderer.set(panel);
            assertEquals(5, panel.sendSync("math:add", 2, 3));
            assertEquals(7, panel.invoke("math:add", 3, 4).get(WAIT, TimeUnit.SECONDS));
            assertEquals(panel.id().orElseThrow(), ipc.handle(panel).id());
        }
    }

    @IpcTest(leakGraceMillis = 200)
    static class Leaking {
        @Test
        void firesAndForgets(IpcTestContext ipc) {
            ipc.main().handle("never:answered", (event, args) -> new CompletableFuture<>());
            ipc.renderer("panel").invoke("never:answered"); // nobody waits for it, and it never comes
        }
    }

    @IpcTest
    static class HandlerFails {
        @Test
        void callsAFailingHandler(IpcTestContext ipc) {
            ipc.main().handle("broken:job", (event, args) -> {
                throw new IllegalStateException("out of order");
            });
            assertThrows(RemoteException.class, () -> ipc.renderer("panel").sendSync("broken:job"));
        }

        @Test
        void takesTheErrorItExpects(IpcTestContext ipc) {
            ipc.main().handle("broken:job", (event, args) -> {
                throw new IllegalStateException("out of order");
            });
            assertThrows(RemoteException.class, () -> ipc.renderer("panel").sendSync("broken:job"));
            List<IpcError> errors = ipc.takeErrors();
            assertEquals(1, errors.size(), errors.toString());
            assertEquals(IpcError.Kind.HANDLER_FAILED, errors.get(0).kind());
            assertInstanceOf(IllegalStateException.class, errors.get(0).cause());
            assertEquals(List.of(), ipc.errors());
        }
    }

    @IpcTest
    static class ListenerFails {
        @Test
        void sendsToAFailingListener(IpcTestContext ipc) throws Exception {
            CountDownLatch ran = new CountDownLatch(1);
            IpcRenderer panel = ipc.renderer("panel", io.typedipc.runtime.IpcSettings.defaults(), r -> r.on("panel:tick",
                    (event, args) -> {
                        ran.countDown();
                        throw new IllegalArgumentException("tick refused");
                    }));
            ipc.handle(panel).send("panel:tick");
            assertTrue(ran.await(WAIT, TimeUnit.SECONDS));
            // A request after the message on the same connection: handled after the listener, so its error is in.
            assertThrows(NoSuchChannelException.class, () -> ipc.handle(panel).sendSync("noop:ask"));
        }
    }

    @IpcTest
    static class BadArguments {
        static final MethodDescriptor<Integer> DOUBLE = MethodDescriptor.<Integer>builder("math:double",
                MethodDescriptor.Kind.BLOCKING).parameter("n", TypeRecipe.of(int.class)).result(TypeRecipe.of(Integer.class))
                .build();

        @Test
        void sendsAStringForAnInt(IpcTestContext ipc) {
            ipc.main().register(List.of(Binding.handler(DOUBLE, (event, args) -> 2 * (Integer) args[0])));
            RemoteException refused = assertThrows(RemoteException.class,
                    () -> ipc.renderer("panel").sendSync("math:double", "two"));
            assertEquals(-32602, refused.code());
        }
    }

    @IpcTest(failOnErrors = false)
    static class ErrorsAllowed {
        @Test
        void callsAFailingHandler(IpcTestContext ipc) {
            ipc.main().handle("broken:job", (event, args) -> {
                throw new IllegalStateException("out of order");
            });
            assertThrows(RemoteException.class, () -> ipc.renderer("panel").sendSync("broken:job"));
        }
    }

    @IpcTest
    static class FailsItself {
        @Test
        void exchangesThenFails(IpcTestContext ipc) {
            ipc.main().handle("trace:ping", (event, args) -> "pong");
            assertEquals("pong", ipc.renderer("panel").sendSync("trace:ping"));
            throw new AssertionFailedError("the test's own failure");
        }
    }

    @IpcTest
    static class WithChild {
        static final AtomicReference<ChildRenderer> child = new AtomicReference<>();

        @Test
        void callsTheChild(IpcTestContext ipc) {
            ChildRenderer kid = ipc.child(EchoRendererMain.class, "kid", "kid");
            child.set(kid);
            assertEquals("kid says hi", kid.handle().sendSync("echo:say", "hi"));
            assertEquals(kid.handle().id(), kid.handle().sendSync("echo:who"), "the child knows its id");
        }
    }

    @IpcTest
    static class ChildExitsBadly {
        @Test
        void launchesIt(IpcTestContext ipc) {
            ChildRenderer grumpy = ipc.child(EchoRendererMain.class, "grumpy", "grumpy", "3");
            assertEquals("grumpy says hi", grumpy.handle().sendSync("echo:say", "hi"));
        }
    }

    @ExtendWith(IpcExtension.class)
    static class Misuse {
        @Test
        void mainSettingsComeFirst(IpcTestContext ipc) {
            ipc.main();
            assertThrows(IllegalStateException.class, () -> ipc.main(io.typedipc.runtime.IpcSettings.defaults()));
        }

        @Test
        void noMainMethod(IpcTestContext ipc) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> ipc.child(Misuse.class, "x"));
            assertTrue(refused.getMessage().contains("has no public static void main(String[])"));
        }

        @Test
        void handleOfAStranger(IpcTestContext ipc) {
            try (IpcRenderer stranger = IpcRenderer.connectInProcess(ipc.main(), "stranger")) {
                assertThrows(IllegalArgumentException.class, () -> ipc.handle(stranger));
            }
            assertNotNull(ipc.trace());
            assertEquals(Duration.ofSeconds(30), IpcTestContext.CHILD_EXIT);
        }
    }

    @IpcTest
    static class PerClassParameter {
        @BeforeAll
        static void tooEarly(IpcTestContext ipc) {
            ipc.main();
        }

        @Test
        void never() {
        }
    }

    @IpcTest
    static class SharedWithBeforeEach {
        private IpcRenderer panel;

        @org.junit.jupiter.api.BeforeEach
        void connect(IpcTestContext ipc) {
            ipc.main().handle("who:is", (event, args) -> event.senderName());
            panel = ipc.renderer("panel");
        }

        @Test
        void seesTheRendererFromBeforeEach(IpcTestContext ipc) {
            assertEquals("panel", panel.sendSync("who:is"));
            assertEquals(ipc.main().renderer("panel").orElseThrow(), ipc.handle(panel));
        }
    }
}
