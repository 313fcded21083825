package io.typedipc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What only main's link to itself does: it reopens after it closed while main stays open. */
class MainSelfTest {

    @Test
    void aSelfLinkClosedByAStalledQueueFailsItsPendingCallsAndTheNextCallOpensANewOne() throws Exception {
        WireLimits limits = WireLimits.builder().maxFrameBytes(4096).maxQueuedIncomingBytes(4096)
                .maxQueuedOutgoingBytes(4096).sendStallTimeout(Duration.ofMillis(300)).build();
        try (IpcMain main = IpcMain.create(IpcSettings.builder().wireLimits(limits).build())) {
            CountDownLatch blocking = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            main.on("block", (event, args) -> {
                blocking.countDown();
                release.await(30, TimeUnit.SECONDS); // main's dispatch thread takes nothing up meanwhile
            });
            main.handle("ping", (event, args) -> "pong");
            main.self().send("block");
            assertTrue(blocking.await(30, TimeUnit.SECONDS));
            CompletableFuture<Object> pending = main.self().invoke("ping");

            String filler = "x".repeat(1000);
            for (int i = 0; i < 6; i++) { // over the 4096 queued bytes: the link stalls for 300 ms and is closed
                main.self().send("fill", filler);
            }
            ExecutionException failed = assertThrows(() -> pending.get(30, TimeUnit.SECONDS));
            assertInstanceOf(IpcDisconnectedException.class, failed.getCause(), "a call pending on the closed link");
            release.countDown();
            assertEquals("pong", main.self().sendSync("ping"), "the next call opened a new link");
        }
    }

    private static ExecutionException assertThrows(org.junit.jupiter.api.function.Executable body) {
        return org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, body);
    }
}
