package io.typedipc.runtime.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.IpcMain;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An asynchronous handler that takes its time keeps only what its answer needs (the request's id and channel), not
 * the request's frame: a slow handler with a large argument does not pin up to a frame limit of bytes per request.
 */
class HeldFrameTest {
    private static final long WAIT_SECONDS = 30;
    private static final int ARGUMENT_CHARS = 4 << 20;

    @Test
    void aPendingAsyncHandlerDoesNotHoldItsRequestFrame() throws Exception {
        ScriptedLink link = new ScriptedLink();
        try (IpcMain main = IpcMain.create()) {
            CompletableFuture<Object> answer = new CompletableFuture<>();
            CountDownLatch started = new CountDownLatch(1);
            int[] length = {0};
            main.handle("big:store", (event, args) -> {
                length[0] = ((String) args[0]).length(); // the argument is used, then dropped by the handler
                started.countDown();
                return answer;
            });
            main.attach(link, "raw");
            WeakReference<byte[]> frame = deliverLargeRequest(link, 7);
            assertTrue(started.await(WAIT_SECONDS, TimeUnit.SECONDS), "the handler started");
            assertEquals(ARGUMENT_CHARS, length[0]);

            // The frame is garbage once the arguments are decoded; a collection must find it while the handler waits.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (frame.get() != null && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(20);
            }
            assertTrue(frame.get() == null, "the request's frame of " + ARGUMENT_CHARS
                    + " bytes is still reachable while its handler's future is pending");
            assertTrue(!answer.isDone());

            answer.complete("stored");
            JsonNode reply = link.next();
            assertEquals(7, reply.get("id").asInt(), reply.toString());
            assertEquals("stored", reply.get("result").asString(), reply.toString());
        }
    }

    /** Hands main a request whose frame nothing else refers to, and returns a weak reference to that frame. */
    private static WeakReference<byte[]> deliverLargeRequest(ScriptedLink link, int id) {
        byte[] frame = ("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"big:store\",\"params\":[\""
                + "x".repeat(ARGUMENT_CHARS) + "\"]}").getBytes(StandardCharsets.UTF_8);
        link.deliver(frame);
        return new WeakReference<>(frame);
    }
}
