package io.typedipc.runtime.suite;

import static io.typedipc.runtime.suite.Rig.await;
import static io.typedipc.runtime.suite.Rig.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.Binding;
import io.typedipc.runtime.IpcError;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.NoSuchChannelException;
import io.typedipc.runtime.PendingRequest;
import io.typedipc.runtime.Registration;
import io.typedipc.runtime.RemoteException;
import io.typedipc.runtime.RendererHandle;
import io.typedipc.runtime.codegen.TypeRecipe;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code IpcContext.onError} hears what the runtime logs and no caller is thrown, and {@code pendingRequests()}
 * lists the requests without a reply yet: on both kinds of context, over every transport.
 */
class ErrorReportSuiteTest {
    private static final String FIXTURES = "io.typedipc.runtime.suite.TransportFixtures#all";
    private static final MethodDescriptor<Integer> DOUBLE = MethodDescriptor.<Integer>builder("math:double",
            MethodDescriptor.Kind.BLOCKING).parameter("n", TypeRecipe.of(int.class)).result(TypeRecipe.of(Integer.class))
            .build();

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void failingHandlersAndListenersAreReportedWhereTheyRan(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("panel");
            RendererHandle handle = rig.handle("panel");
            LinkedBlockingQueue<IpcError> inMain = new LinkedBlockingQueue<>();
            LinkedBlockingQueue<IpcError> inPanel = new LinkedBlockingQueue<>();
            rig.main.onError(inMain::add);
            panel.onError(inPanel::add);
            rig.main.handle("broken:job", (event, args) -> {
                throw new IllegalStateException("out of order");
            });
            rig.main.on("broken:tick", (event, args) -> {
                throw new IllegalArgumentException("tick refused");
            });
            rig.main.handle("fine:job", (event, args) -> "fine");
            panel.handle("panel:broken", (event, args) -> {
                throw new UnsupportedOperationException("not here");
            });

            assertThrows(RemoteException.class, () -> panel.sendSync("broken:job"));
            IpcError handler = poll(inMain);
            assertEquals(IpcError.Kind.HANDLER_FAILED, handler.kind());
            assertEquals("broken:job", handler.channel());
            assertEquals("renderer panel#" + handle.id(), handler.peer());
            assertInstanceOf(IllegalStateException.class, handler.cause());
            assertTrue(handler.message().contains("the handler of broken:job failed"), handler.message());

            panel.send("broken:tick");
            assertEquals("fine", panel.sendSync("fine:job")); // in order: the listener ran (and failed) before
            IpcError listener = poll(inMain);
            assertEquals(IpcError.Kind.LISTENER_FAILED, listener.kind());
            assertEquals("broken:tick", listener.channel());
            assertInstanceOf(IllegalArgumentException.class, listener.cause());

            assertThrows(RemoteException.class, () -> handle.sendSync("panel:broken"));
            IpcError inRenderer = poll(inPanel);
            assertEquals(IpcError.Kind.HANDLER_FAILED, inRenderer.kind());
            assertEquals("main", inRenderer.peer());
            assertInstanceOf(UnsupportedOperationException.class, inRenderer.cause());

            // What reaches the caller as an exception of its own is not an IpcError.
            assertThrows(NoSuchChannelException.class, () -> panel.sendSync("no:such"));
            assertEquals("fine", panel.sendSync("fine:job"));
            assertNull(inMain.peek(), String.valueOf(inMain));
            assertNull(inPanel.peek(), String.valueOf(inPanel));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void argumentsThatDoNotFitAreAProtocolViolation(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer panel = rig.connect("panel");
            LinkedBlockingQueue<IpcError> errors = new LinkedBlockingQueue<>();
            Registration listening = rig.main.onError(errors::add);
            rig.main.register(List.of(Binding.handler(DOUBLE, (event, args) -> 2 * (Integer) args[0])));
            RemoteException refused = assertThrows(RemoteException.class, () -> panel.sendSync("math:double", "two"));
            assertEquals(-32602, refused.code());
            IpcError violation = poll(errors);
            assertEquals(IpcError.Kind.PROTOCOL_VIOLATION, violation.kind());
            assertEquals("math:double", violation.channel());
            assertNull(violation.cause());

            listening.close();
            assertThrows(RemoteException.class, () -> panel.sendSync("math:double", "three"));
            assertEquals(4, panel.sendSync("math:double", 2));
            assertNull(errors.peek(), "a closed registration hears nothing");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void pendingRequestsListWhatHasNoReplyYet(TransportFixture fixture) throws Exception {
        try (Rig rig = new Rig(fixture)) {
            IpcRenderer a = rig.connect("a");
            IpcRenderer b = rig.connect("b");
            CountDownLatch started = new CountDownLatch(2);
            CompletableFuture<Object> never = new CompletableFuture<>();
            rig.main.handle("slow:main", (event, args) -> {
                started.countDown();
                return never;
            });
            b.handle("slow:b", (event, args) -> {
                started.countDown();
                return never;
            });
            CompletableFuture<Object> toMain = a.invoke("slow:main");
            CompletableFuture<Object> toB = a.peer("b").invoke("slow:b");
            await(started);

            List<PendingRequest> pending = a.pendingRequests();
            assertEquals(List.of("slow:main", "slow:b"), pending.stream().map(PendingRequest::channel).sorted(
                    java.util.Comparator.reverseOrder()).toList());
            assertTrue(pending.stream().allMatch(request -> request.peer().equals("main")), pending.toString());
            assertEquals(List.of(), rig.main.pendingRequests(), "main's forward is a's request, not main's");
            assertEquals(List.of(), b.pendingRequests());

            CompletableFuture<Object> toPanel = rig.handle("b").invoke("slow:b");
            PendingRequest fromMain = Rig.unchecked(() -> {
                long deadline = System.nanoTime() + Rig.WAIT.toNanos();
                while (rig.main.pendingRequests().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                return rig.main.pendingRequests().get(0);
            });
            assertEquals("slow:b", fromMain.channel());
            assertEquals("renderer b#" + rig.handle("b").id(), fromMain.peer());

            toMain.cancel(true);
            toB.cancel(true);
            toPanel.cancel(true);
            assertEquals(List.of(), a.pendingRequests());
            assertEquals(List.of(), rig.main.pendingRequests());
        }
    }
}
