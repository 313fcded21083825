package io.typedipc.runtime.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.IpcDisconnectedException;
import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.RendererHandle;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A reply racing a close (docs/reliability.md, "Closing"): whatever a link still delivers between a close and its
 * report of it, a caller on the side that closed sees {@link IpcDisconnectedException}; and a side that has learnt
 * of the close sends no replies any more (its cancelled handlers' {@code -32800} included). Seen once over WebSocket
 * before the fix ({@code CloseSuiteTest.closingMainFailsEverythingPendingOnBothSides}: a {@code RemoteException});
 * these tests open the same window on purpose, so they fail every time without the fix.
 */
class CloseRaceTest {
    private static final long WAIT_SECONDS = 30;

    @Test
    void aRendererThatAnswersAsItLearnsOfTheCloseCannotOvertakeMainsDisconnect() throws Exception {
        HalfClosingPair pair = new HalfClosingPair();
        // Direct mode: the renderer cancels its handler and answers on the very thread that tells it of the close,
        // so its -32800 is in main's window every time (with a dispatch thread it is there only sometimes).
        IpcRenderer panel = IpcRenderer.connect(pair.b, "panel", IpcSettings.builder().directExecutor().build());
        try (IpcMain main = IpcMain.create()) {
            RendererHandle handle = main.attach(pair.a, "panel");
            CountDownLatch started = new CountDownLatch(2);
            CompletableFuture<Object> panelWork = new CompletableFuture<>();
            panel.handle("never", (event, args) -> {
                started.countDown();
                return panelWork;
            });
            main.handle("never", (event, args) -> {
                started.countDown();
                return new CompletableFuture<>();
            });
            CompletableFuture<Object> fromMain = handle.invoke("never");
            CompletableFuture<Object> fromPanel = panel.invoke("never");
            assertTrue(started.await(WAIT_SECONDS, TimeUnit.SECONDS), "both handlers started");

            handle.disconnect();

            assertDisconnected(fromMain);
            assertDisconnected(fromPanel);
            assertTrue(panelWork.isCancelled(), "the renderer's handler was cancelled by the close");
            assertEquals(List.of(), pair.b.sentAfterClose, "the renderer sent nothing once it knew of the close");
        }
    }

    @Test
    void aRendererWithADispatchThreadSendsNoReplyOnceItKnowsOfTheClose() throws Exception {
        HalfClosingPair pair = new HalfClosingPair();
        IpcRenderer panel = IpcRenderer.connect(pair.b, "panel", IpcSettings.defaults());
        try (IpcMain main = IpcMain.create()) {
            RendererHandle handle = main.attach(pair.a, "panel");
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<Object> panelWork = new CompletableFuture<>();
            panel.handle("never", (event, args) -> {
                started.countDown();
                return panelWork;
            });
            CompletableFuture<Object> fromMain = handle.invoke("never");
            assertTrue(started.await(WAIT_SECONDS, TimeUnit.SECONDS), "the handler started");

            handle.disconnect();

            assertDisconnected(fromMain);
            // The disconnect is reported on the renderer's dispatch thread after the cancellation queued before it.
            assertTrue(panel.awaitDisconnect(WAIT_SECONDS, TimeUnit.SECONDS));
            assertTrue(panelWork.isCancelled(), "the renderer's handler was cancelled by the close");
            assertEquals(List.of(), pair.b.sentAfterClose, "the renderer sent nothing once it knew of the close");
        }
    }

    @Test
    void aPeerThatAnswersWhileMainClosesTheLinkCannotOvertakeTheDisconnect() throws Exception {
        ScriptedLink link = new ScriptedLink();
        try (IpcMain main = IpcMain.create()) {
            RendererHandle handle = main.attach(link, "raw");
            CompletableFuture<Object> cancelledThere = handle.invoke("never");
            CompletableFuture<Object> answeredThere = handle.invoke("never");
            JsonNode first = link.next();
            JsonNode second = link.next();
            // A peer we did not write answers both while main's close is on its way: one -32800, one result.
            link.whileClosing(
                    "{\"jsonrpc\":\"2.0\",\"id\":" + first.get("id") + ",\"error\":{\"code\":-32800,\"message\":\"cancelled\"}}",
                    "{\"jsonrpc\":\"2.0\",\"id\":" + second.get("id") + ",\"result\":\"late\"}");

            handle.disconnect();

            assertDisconnected(cancelledThere);
            assertDisconnected(answeredThere);
        }
    }

    private static void assertDisconnected(CompletableFuture<Object> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(IpcDisconnectedException.class, e.getCause(), () -> "instead: " + e.getCause());
    }
}
