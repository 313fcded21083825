package io.typedipc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.transport.spi.InProcessLink;
import io.typedipc.runtime.transport.spi.Link;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link IpcError}s that only one kind of context or one kind of input can produce (the transport suite's
 * {@code ErrorReportSuiteTest} has the rest), and {@link IpcSettings#toBuilder()}, which the testing kit uses to add
 * its trace to a test's settings.
 */
class ErrorReportTest {
    private static final long WAIT = 30;

    @Test
    void aFrameThatIsNotJsonIsAProtocolViolationAndIsStillAnswered() throws Exception {
        try (IpcMain main = IpcMain.create()) {
            LinkedBlockingQueue<IpcError> errors = new LinkedBlockingQueue<>();
            main.onError(errors::add);
            InProcessLink[] ends = InProcessLink.pair("raw");
            main.attach(ends[1], "raw");
            LinkedBlockingQueue<String> replies = new LinkedBlockingQueue<>();
            ends[0].start(new Link.Listener() {
                @Override
                public void onFrame(byte[] frame) {
                    replies.add(new String(frame, StandardCharsets.UTF_8));
                }

                @Override
                public void onClose(Throwable cause) {
                }
            });
            ends[0].send("{not json".getBytes(StandardCharsets.UTF_8));
            IpcError error = errors.poll(WAIT, TimeUnit.SECONDS);
            assertEquals(IpcError.Kind.PROTOCOL_VIOLATION, error.kind());
            assertNull(error.channel());
            assertTrue(error.peer().startsWith("renderer raw#"), error.peer());
            assertTrue(error.message().startsWith("protocol error from "), error.message());
            assertTrue(replies.poll(WAIT, TimeUnit.SECONDS).contains("-32700"), "the peer is answered as before");
            ends[0].close();
        }
    }

    @Test
    void callbacksThatThrowAreReported() throws Exception {
        try (IpcMain main = IpcMain.create()) {
            LinkedBlockingQueue<IpcError> errors = new LinkedBlockingQueue<>();
            main.onError(errors::add);
            main.onError(error -> {
                throw new IllegalStateException("a broken error listener");
            });
            main.onError(errors::add); // a listener that throws does not keep the next one from hearing
            main.onRendererConnected(handle -> {
                throw new IllegalStateException("connected listener broke");
            });
            IpcRenderer panel = IpcRenderer.connectInProcess(main, "panel");
            for (int i = 0; i < 2; i++) {
                IpcError error = errors.poll(WAIT, TimeUnit.SECONDS);
                assertEquals(IpcError.Kind.CALLBACK_FAILED, error.kind());
                assertEquals("renderer panel#" + panel.id().orElseThrow(), error.peer());
                assertInstanceOf(IllegalStateException.class, error.cause());
            }
            main.packages().load(new IpcPackage() {
                @Override
                public String name() {
                    return "fragile";
                }

                @Override
                public void load(PackageScope scope) {
                }

                @Override
                public void unload(PackageScope scope) {
                    throw new IllegalStateException("unload broke");
                }
            });
            main.packages().unload("fragile");
            IpcError unload = errors.poll(WAIT, TimeUnit.SECONDS);
            assertEquals(IpcError.Kind.CALLBACK_FAILED, unload.kind());
            assertNull(unload.peer());
            assertTrue(unload.message().startsWith("the unload hook of package fragile failed"), unload.message());
            panel.close();
        }
    }

    @Test
    void aResultOverTheFrameLimitIsAReplyFailure() throws Exception {
        IpcSettings small = IpcSettings.builder().wireLimits(WireLimits.defaults().toBuilder().maxFrameBytes(4096)
                .build()).build();
        try (IpcMain main = IpcMain.create(small); IpcRenderer panel = IpcRenderer.connectInProcess(main, "panel")) {
            LinkedBlockingQueue<IpcError> errors = new LinkedBlockingQueue<>();
            main.onError(errors::add);
            main.handle("big:result", (event, args) -> "x".repeat(10_000));
            RemoteException refused = assertThrows(RemoteException.class, () -> panel.sendSync("big:result"));
            assertEquals(-32603, refused.code());
            IpcError error = errors.poll(WAIT, TimeUnit.SECONDS);
            assertEquals(IpcError.Kind.REPLY_FAILED, error.kind());
            assertEquals("big:result", error.channel());
        }
    }

    @Test
    void onErrorRefusesNull() {
        try (IpcMain main = IpcMain.create()) {
            assertThrows(NullPointerException.class, () -> main.onError(null));
            assertThrows(NullPointerException.class,
                    () -> new IpcError(null, "a:b", "main", "m", null));
            assertThrows(NullPointerException.class,
                    () -> new IpcError(IpcError.Kind.HANDLER_FAILED, "a:b", "main", null, null));
        }
    }

    @Test
    void toBuilderKeepsEverySettingAndAGivenMapper() {
        Executor executor = Runnable::run;
        JsonMapper mapper = IpcSettings.defaultMapper();
        TraceRecorder trace = new TraceRecorder();
        WireLimits limits = WireLimits.defaults().toBuilder().maxFrameBytes(8192).build();
        IpcSettings original = IpcSettings.builder().executor(executor).mapper(mapper).trace(trace)
                .defaultDeadline(Duration.ofSeconds(7)).sendStackTraces(true).wireLimits(limits).window("float")
                .mainWindow("editor").build();
        IpcSettings copy = original.toBuilder().build();
        assertNotSame(original, copy);
        assertSame(executor, copy.executor());
        assertSame(mapper, copy.mapper());
        assertSame(trace, copy.trace());
        assertEquals(Duration.ofSeconds(7), copy.defaultDeadline());
        assertTrue(copy.sendStackTraces());
        assertSame(limits, copy.wireLimits());
        assertEquals("float", copy.window());
        assertEquals("editor", copy.mainWindow());
        assertTrue(IpcSettings.builder().directExecutor().build().toBuilder().build().usesDirectExecutor());

        IpcSettings defaults = IpcSettings.defaults();
        IpcSettings tighter = defaults.toBuilder().wireLimits(limits).build();
        assertNotSame(defaults.mapper(), tighter.mapper(), "a default mapper follows the new wire limits");
    }
}
