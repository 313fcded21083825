package io.typedipc.runtime.reliability;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.IpcDisconnectedException;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.RendererHandle;
import io.typedipc.runtime.WireLimits;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * The two waits that backpressure can end in (docs/reliability.md, "Policies when a wait does not end"), each over a
 * real TCP connection with a stall timeout of half a second: a send to a peer that reads nothing, and a context that
 * takes up none of the messages queued from a connection.
 */
class StallTest {
    private static final int FRAME = 64 * 1024;
    private static final Duration STALL = Duration.ofMillis(500);
    private static final IpcSettings SMALL = IpcSettings.builder().wireLimits(WireLimits.builder()
            .maxFrameBytes(FRAME)
            .maxQueuedOutgoingBytes(FRAME)
            .maxQueuedIncomingBytes(FRAME)
            .sendStallTimeout(STALL)
            .build()).build();
    /** Far beyond the stall timeout, far below the default 30 s deadline. */
    private static final Duration PROMPTLY = Duration.ofSeconds(20);

    @Test
    void aSendToAPeerThatReadsNothingFailsWithIpcDisconnectedExceptionAndSoDoItsPendingCalls() throws Exception {
        try (ServedMain served = new ServedMain(SMALL);
                RawClient deaf = RawClient.connectNotReading(served.server.address(), served.server.token(), "deaf")) {
            RendererHandle handle = awaitRenderer(served, "deaf");
            CompletableFuture<Object> pending = handle.invoke("deaf:anything"); // never answered: the peer reads nothing
            String payload = "p".repeat(16 * 1024);
            IpcDisconnectedException e = assertTimeoutPreemptively(PROMPTLY,
                    () -> assertThrows(IpcDisconnectedException.class, () -> {
                        for (int i = 0; i < 1_000_000; i++) { // far more than any queue and socket buffer hold
                            handle.send("deaf:note", payload);
                        }
                    }));
            // Which send sees it first is a race: the one that waited out the stall ("read nothing for 500 ms"), or
            // the next, after the link was closed ("is closed"); both are the promised IpcDisconnectedException.
            assertTrue(e.getMessage().contains("read nothing for " + STALL.toMillis() + " ms")
                    || e.getMessage().contains("is closed"), e.getMessage());
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> pending.get(PROMPTLY.toSeconds(), TimeUnit.SECONDS));
            assertInstanceOf(IpcDisconnectedException.class, failed.getCause());
            deaf.startReading();
            assertTrue(deaf.awaitEnd(), "main closed the connection of the peer that read nothing");
            served.assertStillServing();
        }
    }

    @Test
    void aContextThatTakesUpNoneOfTheQueuedMessagesForTheStallTimeoutClosesTheConnection() throws Exception {
        try (ServedMain served = new ServedMain(SMALL); LogCapture log = new LogCapture(); RawClient flooder = served.raw()) {
            CountDownLatch blocked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            served.main.on("flood:note", (event, args) -> {
                blocked.countDown();
                awaitQuietly(release); // holds main's dispatch thread: nothing queued is taken up
            });
            String note = "{\"jsonrpc\":\"2.0\",\"method\":\"flood:note\",\"params\":[\"" + "n".repeat(16 * 1024) + "\"]}";
            try {
                flooder.send(note);
                assertTrue(blocked.await(PROMPTLY.toSeconds(), TimeUnit.SECONDS), "the listener runs");
                for (int i = 0; i < 64; i++) { // 1 MB: far more than the 64 KiB main queues for its handlers
                    flooder.send(note);
                }
            } catch (IOException closedByMain) {
                // main hung up while we were still writing: that is the promised outcome
            }
            try {
                log.await(Level.WARNING, "closing socket", "has taken up none of the",
                        "bytes of messages queued from it for " + STALL.toMillis() + " ms");
                assertTrue(flooder.awaitEnd(), "main closed the flooding connection");
            } finally {
                release.countDown();
            }
            served.assertStillServing();
        }
    }

    private static RendererHandle awaitRenderer(ServedMain served, String name) throws InterruptedException {
        long deadline = System.nanoTime() + PROMPTLY.toNanos();
        while (System.nanoTime() < deadline) {
            var handle = served.main.renderer(name);
            if (handle.isPresent()) {
                return handle.get();
            }
            Thread.sleep(5); // polling a condition with a deadline
        }
        throw new AssertionError("main never listed renderer " + name);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(RawClient.WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
