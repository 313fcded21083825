package io.typedipc.runtime.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.CallOptions;
import io.typedipc.runtime.ErrorCodes;
import io.typedipc.runtime.IpcError;
import io.typedipc.runtime.IpcException;
import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.RemoteException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A value Jackson cannot write (a bean or a list that contains itself, a bean whose getter throws) passed through the untyped
 * API: the caller gets our {@link IpcException} (code {@code -32602}) naming the channel, the argument and the value's
 * type; nothing is sent and nothing is left behind. A handler's unwritable result answers its caller {@code -32603}
 * and is reported as {@link IpcError.Kind#REPLY_FAILED}.
 */
class UnwritableValueTest {
    private static final CallOptions LONG = CallOptions.DEFAULT.withDeadline(Duration.ofSeconds(60));

    /** A bean that refers to itself. */
    public static final class Loop {
        public final String name = "loop";
        public final Loop self = this;
    }

    /** A bean whose property cannot be read. */
    public static final class Broken {
        public String getState() {
            throw new IllegalStateException("not connected");
        }
    }

    /** A list that contains itself: no cycle Jackson can see, only a nesting that never ends. */
    private static List<Object> selfContaining() {
        List<Object> list = new ArrayList<>();
        list.add(list);
        return list;
    }

    @Test
    void anArgumentThatCannotBeWrittenFailsTheCallerAndSendsNothing() throws Exception {
        try (IpcMain main = IpcMain.create()) {
            AtomicInteger reached = new AtomicInteger();
            main.handle("u:take", (event, args) -> reached.incrementAndGet());
            main.on("u:note", (event, args) -> reached.incrementAndGet());
            IpcRenderer panel = IpcRenderer.connectInProcess(main, "panel");
            List<Supplier<Object>> values = List.of(Loop::new, UnwritableValueTest::selfContaining, Broken::new);
            List<String> types = List.of(Loop.class.getName(), "java.util.ArrayList", Broken.class.getName());
            for (int i = 0; i < values.size(); i++) {
                Object value = values.get(i).get();
                String type = types.get(i);
                assertUnwritable(assertThrows(IpcException.class, () -> panel.send("u:note", "fine", value)),
                        "u:note", "argument 2", type);
                assertUnwritable(assertThrows(IpcException.class, () -> panel.sendSync("u:take", LONG, value)),
                        "u:take", "argument 1", type);
                CompletableFuture<Object> future = panel.invoke("u:take", LONG, value);
                assertUnwritable(assertInstanceOf(IpcException.class,
                        assertThrows(ExecutionException.class, () -> future.get(60, TimeUnit.SECONDS)).getCause()),
                        "u:take", "argument 1", type);
                assertUnwritable(assertThrows(IpcException.class, () -> main.broadcast("u:note", value)),
                        "u:note", "argument 1", type);
                assertUnwritable(assertThrows(IpcException.class, () -> main.self().sendSync("u:take", LONG, value)),
                        "u:take", "argument 1", type);
            }
            assertTrue(panel.pendingRequests().isEmpty(), "no pending entry: " + panel.pendingRequests());
            assertTrue(main.pendingRequests().isEmpty(), "no pending entry: " + main.pendingRequests());
            // Nothing was sent: the only message main ever handles is this one, answered at once.
            assertEquals(1, panel.sendSync("u:take", LONG, "fine"));
            assertEquals(1, reached.get());
            // Every call's unit of work was returned: a graceful close has nothing to wait for.
            assertTrue(panel.closeGracefully(Duration.ofSeconds(30)), "the renderer had work left over");
        }
    }

    @Test
    void aResultThatCannotBeWrittenAnswersInternalErrorAndIsReported() throws Exception {
        try (IpcMain main = IpcMain.create()) {
            LinkedBlockingQueue<IpcError> errors = new LinkedBlockingQueue<>();
            main.onError(errors::add);
            main.handle("u:broken", (event, args) -> new Broken());
            main.handle("u:loop", (event, args) -> CompletableFuture.supplyAsync(Loop::new));
            main.handle("u:fine", (event, args) -> "fine");
            IpcRenderer panel = IpcRenderer.connectInProcess(main, "panel");

            RemoteException broken = assertThrows(RemoteException.class, () -> panel.sendSync("u:broken", LONG));
            assertEquals(ErrorCodes.INTERNAL_ERROR, broken.code());
            assertTrue(broken.getMessage().contains("u:broken") && broken.getMessage().contains(Broken.class.getName()),
                    broken.getMessage());
            IpcError reported = errors.poll(60, TimeUnit.SECONDS);
            assertEquals(IpcError.Kind.REPLY_FAILED, reported.kind());
            assertEquals("u:broken", reported.channel());

            RemoteException loop = assertInstanceOf(RemoteException.class, assertThrows(ExecutionException.class,
                    () -> panel.invoke("u:loop", LONG).get(60, TimeUnit.SECONDS)).getCause());
            assertEquals(ErrorCodes.INTERNAL_ERROR, loop.code());
            assertTrue(loop.getMessage().contains(Loop.class.getName()), loop.getMessage());
            assertEquals(IpcError.Kind.REPLY_FAILED, errors.poll(60, TimeUnit.SECONDS).kind());

            assertEquals("fine", panel.sendSync("u:fine", LONG));
            panel.close();
        }
    }

    private static void assertUnwritable(IpcException e, String channel, String argument, String type) {
        assertEquals(ErrorCodes.INVALID_PARAMS, e.code(), e.toString());
        assertTrue(!(e instanceof RemoteException), "the caller's own error, not the peer's: " + e);
        String message = e.getMessage();
        assertTrue(message.startsWith(channel + ": ") && message.contains(argument + " (" + type + ")")
                && message.contains("cannot be written as JSON") && message.endsWith("nothing was sent"), message);
    }
}
