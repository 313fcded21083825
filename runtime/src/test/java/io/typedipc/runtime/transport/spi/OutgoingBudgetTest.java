package io.typedipc.runtime.transport.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The outgoing bound every queueing link keeps through {@link OutgoingBudget}, across real threads. */
class OutgoingBudgetTest {
    private static final long WAIT = 60;
    /** Far longer than {@link #WAIT}: a sender woken by nothing fails the test by its timeout, not by the stall. */
    private static final Duration LONG_STALL = Duration.ofMinutes(10);

    private final ReentrantLock lock = new ReentrantLock();
    /** The threads {@link #awaitRoomElsewhere} started, in order. */
    private final List<Thread> senders = new ArrayList<>();

    private OutgoingBudget budget(int maxFrame, long maxQueued, Duration stall) {
        return new OutgoingBudget(lock, "test link", maxFrame, maxQueued, stall);
    }

    /** Runs {@code action} under the lock. */
    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code action} under the lock. */
    private void underLock(Runnable action) {
        locked(() -> {
            action.run();
            return null;
        });
    }

    /** {@link OutgoingBudget#awaitRoom} on another thread; the future says what it returned or threw. */
    private CompletableFuture<Boolean> awaitRoomElsewhere(OutgoingBudget budget, int length) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        Thread sender = new Thread(() -> {
            lock.lock();
            try {
                boolean room = budget.awaitRoom(length);
                if (room) {
                    budget.add(length);
                }
                result.complete(room);
            } catch (Throwable e) {
                result.completeExceptionally(e);
            } finally {
                lock.unlock();
            }
        }, "waiting sender");
        sender.setDaemon(true);
        sender.start();
        senders.add(sender);
        return result;
    }

    /** {@link #awaitRoomElsewhere}, returning once that sender waits for room. */
    private CompletableFuture<Boolean> waitingSender(OutgoingBudget budget, int length) throws InterruptedException {
        CompletableFuture<Boolean> result = awaitRoomElsewhere(budget, length);
        awaitWaiting(senders.get(senders.size() - 1));
        return result;
    }

    /** Waits until the sender thread is parked in awaitRoom, having let go of the lock. */
    private void awaitWaiting(Thread sender) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT);
        while (!(sender.getState() == Thread.State.TIMED_WAITING && !lock.isLocked())) {
            assertTrue(System.nanoTime() < end, "the sender never waited: " + sender.getState());
            Thread.sleep(5);
        }
    }

    @Test
    void theConstructorRefusesWhatCannotWork() {
        assertThrows(NullPointerException.class, () -> new OutgoingBudget(null, "x", 10, 10, LONG_STALL));
        assertThrows(NullPointerException.class, () -> new OutgoingBudget(lock, null, 10, 10, LONG_STALL));
        assertThrows(NullPointerException.class, () -> new OutgoingBudget(lock, "x", 10, 10, null));
        assertThrows(IllegalArgumentException.class, () -> budget(0, 10, LONG_STALL));
        assertThrows(IllegalArgumentException.class, () -> budget(-1, 10, LONG_STALL));
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class, () -> budget(10, 9, LONG_STALL));
        assertTrue(small.getMessage().contains("at least maxFrameBytes"), small.getMessage());
        assertThrows(IllegalArgumentException.class, () -> budget(10, 10, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> budget(10, 10, Duration.ofMillis(-1)));
        budget(10, 10, Duration.ofSeconds(Long.MAX_VALUE)); // saturated, not an overflow
    }

    @Test
    void everyCountingMethodNeedsTheLinksLock() {
        OutgoingBudget budget = budget(10, 100, LONG_STALL);
        for (Runnable call : List.<Runnable>of(() -> budget.hasRoom(1), () -> budget.add(1), () -> budget.release(0),
                budget::releaseAll, budget::close, budget::isClosed, budget::bytes, () -> budget.stallError("peer"))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, call::run);
            assertTrue(e.getMessage().contains("link's lock"), e.getMessage());
        }
        assertThrows(IllegalStateException.class, () -> budget.awaitRoom(1));
        assertThrows(IllegalStateException.class, () -> budget.hasRoomNow(1));
        ReentrantLock other = new ReentrantLock();
        other.lock();
        try {
            assertThrows(IllegalStateException.class, budget::bytes, "another lock is not the link's");
        } finally {
            other.unlock();
        }
    }

    @Test
    void lengthsAreNeverNegativeAndNothingIsReleasedThatWasNotCounted() {
        OutgoingBudget budget = budget(10, 100, LONG_STALL);
        locked(() -> {
            assertThrows(IllegalArgumentException.class, () -> budget.add(-1));
            assertThrows(IllegalArgumentException.class, () -> budget.release(-1));
            assertThrows(IllegalArgumentException.class, () -> budget.hasRoom(-1));
            budget.add(5);
            IllegalStateException over = assertThrows(IllegalStateException.class, () -> budget.release(6));
            assertTrue(over.getMessage().contains("releasing 6 bytes of 5"), over.getMessage());
            assertEquals(5, budget.bytes());
            assertThrows(NullPointerException.class, () -> budget.stallError(null));
            return null;
        });
    }

    @Test
    void aFrameOverTheFrameLimitIsRefusedWithoutTheLock() throws IOException {
        OutgoingBudget budget = budget(10, 100, LONG_STALL);
        budget.checkFrame(new byte[10]);
        IOException tooLarge = assertThrows(IOException.class, () -> budget.checkFrame(new byte[11]));
        assertEquals("a message of 11 bytes is over the limit of 10 bytes; not sent on test link", tooLarge.getMessage());
        assertThrows(NullPointerException.class, () -> budget.checkFrame(null));
    }

    @Test
    void itIsBoundedToTheByte() throws IOException {
        OutgoingBudget budget = budget(10, 25, LONG_STALL);
        lock.lock();
        try {
            assertTrue(budget.hasRoomNow(10));
            budget.add(10);
            budget.add(10);
            assertTrue(budget.hasRoom(5), "exactly up to the bound");
            assertFalse(budget.hasRoom(6));
            assertFalse(budget.hasRoomNow(6));
            assertTrue(budget.awaitRoom(5), "no waiting when it fits");
            budget.add(5);
            assertEquals(25, budget.bytes());
            assertTrue(budget.hasRoom(0));
            assertFalse(budget.hasRoom(1));
            budget.add(7); // what a link must keep all the same (the rest of a frame) may go beyond the bound
            assertEquals(32, budget.bytes());
            budget.release(22);
            assertTrue(budget.hasRoom(15));
            assertFalse(budget.hasRoom(16));
            budget.releaseAll();
            assertEquals(0, budget.bytes());
        } finally {
            lock.unlock();
        }
    }

    @Test
    void aSenderWaitsForRoomAndGoesOnWhenTheWriterReleasesEnough() throws Exception {
        OutgoingBudget budget = budget(10, 20, LONG_STALL);
        underLock(() -> budget.add(20));
        CompletableFuture<Boolean> sent = waitingSender(budget, 10);
        underLock(() -> budget.release(5)); // not enough yet: the sender wakes, looks, waits again
        awaitWaiting(senders.get(0));
        assertFalse(sent.isDone());
        underLock(() -> budget.release(5));
        assertTrue(sent.get(WAIT, TimeUnit.SECONDS));
        assertEquals(20L, locked(budget::bytes), "the sender counted its frame");
    }

    @Test
    void releasingEverythingLetsTheSenderIn() throws Exception {
        OutgoingBudget budget = budget(10, 10, LONG_STALL);
        underLock(() -> budget.add(10));
        CompletableFuture<Boolean> sent = waitingSender(budget, 10);
        underLock(() -> budget.releaseAll());
        assertTrue(sent.get(WAIT, TimeUnit.SECONDS));
    }

    @Test
    void aSenderThatFindsNoRoomForTheStallTimeoutIsToldThePeerStalled() throws Exception {
        OutgoingBudget budget = budget(10, 10, Duration.ofMillis(200));
        long started = System.nanoTime();
        lock.lock();
        try {
            budget.add(10);
            assertFalse(budget.awaitRoom(1));
            assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(200), "not before the stall timeout");
            assertEquals("the page on test link has read nothing for 200 ms with 10 bytes waiting; the link is closed",
                    budget.stallError("page").getMessage());
            assertFalse(budget.isClosed(), "closing is the link's decision");
        } finally {
            lock.unlock();
        }
    }

    @Test
    void closingWakesEveryWaitingSenderWithTheClosedError() throws Exception {
        OutgoingBudget budget = budget(10, 10, LONG_STALL);
        underLock(() -> budget.add(10));
        CompletableFuture<Boolean> first = awaitRoomElsewhere(budget, 5);
        CompletableFuture<Boolean> second = waitingSender(budget, 10);
        awaitWaiting(senders.get(1));
        assertTrue(locked(budget::close));
        for (CompletableFuture<Boolean> waiting : List.of(first, second)) {
            ExecutionException failed = assertThrows(ExecutionException.class, () -> waiting.get(WAIT, TimeUnit.SECONDS));
            IOException closed = assertInstanceOf(IOException.class, failed.getCause());
            assertEquals("the link test link is closed", closed.getMessage());
        }
        lock.lock();
        try {
            assertFalse(budget.close(), "closing twice does nothing");
            assertTrue(budget.isClosed());
            assertThrows(IOException.class, () -> budget.hasRoomNow(1), "offer on a closed link");
            assertEquals(10, budget.bytes(), "what was counted stays counted until released");
            budget.release(10);
            assertThrows(IOException.class, () -> budget.awaitRoom(1), "send on a closed link, even with room");
        } finally {
            lock.unlock();
        }
    }

    @Test
    void anInterruptedSenderStopsWaitingAndKeepsItsInterrupt() throws Exception {
        OutgoingBudget budget = budget(10, 10, LONG_STALL);
        underLock(() -> budget.add(10));
        AtomicLong stillInterrupted = new AtomicLong(-1);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread sender = new Thread(() -> {
            lock.lock();
            try {
                budget.awaitRoom(1);
                outcome.complete(null);
            } catch (Throwable e) {
                stillInterrupted.set(Thread.currentThread().isInterrupted() ? 1 : 0);
                outcome.complete(e);
            } finally {
                lock.unlock();
            }
        });
        sender.start();
        awaitWaiting(sender);
        sender.interrupt();
        Throwable thrown = outcome.get(WAIT, TimeUnit.SECONDS);
        assertInstanceOf(InterruptedIOException.class, thrown);
        assertEquals("interrupted while waiting to send on test link", thrown.getMessage());
        assertEquals(1, stillInterrupted.get());
    }

    /**
     * The budget as a link uses it: senders on several threads queue frames under the lock, a writer thread drains
     * and releases them. The bound holds at every moment, no wake-up is lost, and each sender's frames come out in the
     * order it sent them.
     */
    @Test
    void sendersAndAWriterKeepTheBoundAndEachSendersOrder() throws Exception {
        int maxFrame = 64;
        long maxQueued = 256;
        OutgoingBudget budget = budget(maxFrame, maxQueued, LONG_STALL);
        Condition notEmpty = lock.newCondition();
        ArrayDeque<byte[]> queue = new ArrayDeque<>();
        AtomicLong highest = new AtomicLong();
        int perSender = 2_000;
        int senderCount = 3;
        List<List<Integer>> written = new ArrayList<>();
        for (int i = 0; i < senderCount; i++) {
            written.add(new ArrayList<>());
        }
        Thread writer = new Thread(() -> {
            int left = perSender * senderCount;
            while (left > 0) {
                List<byte[]> batch = new ArrayList<>();
                lock.lock();
                try {
                    while (queue.isEmpty()) {
                        notEmpty.awaitUninterruptibly();
                    }
                    long bytes = 0;
                    for (byte[] frame; (frame = queue.pollFirst()) != null; ) {
                        batch.add(frame);
                        bytes += frame.length;
                    }
                    budget.release(bytes);
                } finally {
                    lock.unlock();
                }
                for (byte[] frame : batch) {
                    written.get(frame[0]).add((frame[1] & 0xff) << 8 | (frame[2] & 0xff));
                    left--;
                }
            }
        }, "writer");
        writer.start();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int s = 0; s < senderCount; s++) {
            int sender = s;
            done.add(CompletableFuture.runAsync(() -> {
                for (int n = 0; n < perSender; n++) {
                    byte[] frame = new byte[3 + (n * 7 + sender) % (maxFrame - 3)];
                    frame[0] = (byte) sender;
                    frame[1] = (byte) (n >> 8);
                    frame[2] = (byte) n;
                    lock.lock();
                    try {
                        assertTrue(budget.awaitRoom(frame.length), "the writer keeps making room");
                        budget.add(frame.length);
                        highest.accumulateAndGet(budget.bytes(), Math::max);
                        queue.addLast(frame);
                        notEmpty.signal();
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    } finally {
                        lock.unlock();
                    }
                }
            }));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(WAIT, TimeUnit.SECONDS);
        writer.join(TimeUnit.SECONDS.toMillis(WAIT));
        assertFalse(writer.isAlive(), "the writer wrote every frame");
        assertTrue(highest.get() <= maxQueued, "never more than the bound: " + highest.get());
        for (List<Integer> one : written) {
            List<Integer> expected = new ArrayList<>();
            for (int n = 0; n < perSender; n++) {
                expected.add(n);
            }
            assertEquals(expected, one);
        }
        assertEquals(0L, locked(budget::bytes));
    }
}
