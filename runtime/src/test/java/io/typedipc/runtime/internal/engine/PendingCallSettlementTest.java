package io.typedipc.runtime.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Who settles an asynchronous request's future: the waiting thread or the executor, exactly one of them. */
class PendingCallSettlementTest {

    private static PendingCall call() {
        return new PendingCall(1, "a:b", null, Long.MAX_VALUE, 0);
    }

    @Test
    void withNoWaiterTheExecutorSettles() {
        PendingCall call = call();
        assertTrue(call.replyArrived(false));
        assertFalse(call.awaitAsSettler(), "a waiter that comes later only waits");
        assertTrue(call.claimSettle());
        assertFalse(call.claimSettle());
    }

    @Test
    void aWaitingSettlerIsLeftTheReplyAndWoken() throws InterruptedException {
        PendingCall call = call();
        assertTrue(call.awaitAsSettler());
        assertFalse(call.replyArrived(false), "nothing is queued on the executor");
        assertTrue(call.awaitHandOver(Long.MAX_VALUE));
        assertTrue(call.settleAsWaiter());
        assertFalse(call.claimSettle(), "a settle task that runs anyway finds it taken");
    }

    @Test
    void callbacksSendEvenAWaitedReplyToTheExecutor() throws InterruptedException {
        PendingCall call = call();
        assertTrue(call.awaitAsSettler());
        assertTrue(call.replyArrived(true));
        assertTrue(call.awaitHandOver(Long.MAX_VALUE));
        assertFalse(call.settleAsWaiter());
        assertTrue(call.claimSettle());
    }

    @Test
    void aSettlerThatTimesOutLeavesTheReplyToTheExecutor() throws InterruptedException {
        PendingCall call = call();
        assertTrue(call.awaitAsSettler());
        assertFalse(call.awaitHandOver(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5)));
        assertTrue(call.stopAwaiting());
        assertTrue(call.replyArrived(false), "then the executor settles");
    }

    @Test
    void aReplyThatComesAsTheSettlerGivesUpIsStillSettledOnce() throws Exception {
        // The reply's completion and a waiter's timeout race, many times: each call is settled exactly once.
        for (int i = 0; i < 2000; i++) {
            PendingCall call = call();
            AtomicInteger settled = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            assertTrue(call.awaitAsSettler());
            Thread reader = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                if (call.replyArrived(false) && call.claimSettle()) {
                    settled.incrementAndGet(); // the executor's settle task
                }
            });
            reader.start();
            start.countDown();
            boolean handedOver = call.awaitHandOver(System.nanoTime() + (i % 50) * 1_000L);
            if (!(!handedOver && call.stopAwaiting()) && call.settleAsWaiter()) {
                settled.incrementAndGet(); // the waiter
            }
            reader.join();
            assertEquals(1, settled.get(), "round " + i);
        }
    }
}
