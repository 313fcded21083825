package io.typedipc.runtime.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.internal.wire.Envelope;
import io.typedipc.runtime.internal.wire.WireFormat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The pending-call table and its one deadline queue, on the real shared timer. */
class CallTableTest {
    private static final WireFormat WIRE = new WireFormat(JsonMapper.builder().build());
    private static final Duration LONG = Duration.ofMinutes(5);

    /** Records what the table asks of its connection. */
    static final class RecordingOwner implements CallTable.Owner {
        final AtomicInteger open = new AtomicInteger();
        final List<Long> cancels = new CopyOnWriteArrayList<>();
        final List<Long> timeouts = new CopyOnWriteArrayList<>();

        @Override
        public void callOpened() {
            open.incrementAndGet();
        }

        @Override
        public void callEnded() {
            open.decrementAndGet();
        }

        @Override
        public void sendCancel(long id) {
            cancels.add(id);
        }

        @Override
        public RuntimeException timeout(PendingCall call) {
            timeouts.add(call.id());
            return new IllegalStateException("timeout of " + call);
        }
    }

    private final RecordingOwner owner = new RecordingOwner();
    private final CallTable table = new CallTable(owner);

    private PendingCall open(Duration deadline) {
        return table.open("t:c", WIRE.untyped(), Deadlines.deadlineNanos(deadline), Deadlines.millis(deadline));
    }

    private static Envelope result(long id) throws Exception {
        return WIRE.decode(("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + id + "}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anAnsweredCallLeavesTheDeadlineQueueAtOnce() throws Exception {
        List<PendingCall> calls = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            PendingCall call = open(LONG);
            table.watchDeadline(call);
            calls.add(call);
        }
        assertEquals(1000, table.watched());
        for (PendingCall call : calls) {
            assertTrue(table.complete(result(call.id())));
        }
        assertEquals(0, table.watched(), "answered calls must not wait in the queue for their deadline");
        assertEquals(0, table.size());
        assertEquals(0, owner.open.get());
        assertFalse(table.complete(result(calls.get(0).id())), "a second reply finds no call");
        assertTrue(owner.cancels.isEmpty());
    }

    @Test
    void oneRequestAtATimeLeavesTheWakeUpWhereItIsUntilTheConnectionCloses() throws Exception {
        List<PendingCall> fired = new CopyOnWriteArrayList<>();
        DeadlineQueue queue = new DeadlineQueue(fired::add);
        long first = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        PendingCall one = new PendingCall(1, "t:c", null, first, 300);
        queue.add(one);
        queue.remove(one); // answered
        assertTrue(queue.armed(), "the wake-up stays when the last call leaves");
        PendingCall two = new PendingCall(2, "t:c", null, first + TimeUnit.MILLISECONDS.toNanos(200), 500);
        queue.add(two); // later than the wake-up: it is not moved
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (fired.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertEquals(List.of(two), fired, "the early wake-up found nothing due and set the next: the call still fired");
        assertFalse(queue.armed());
        PendingCall three = new PendingCall(3, "t:c", null, System.nanoTime() + TimeUnit.MINUTES.toNanos(5), 1);
        queue.add(three);
        queue.remove(three);
        queue.clear();
        assertFalse(queue.armed(), "closing drops the wake-up");
        assertEquals(List.of(two), fired);
    }

    @Test
    void deadlinesFireInDeadlineOrderWhateverTheOrderTheyWereWatchedIn() {
        // Watched latest first: each new call moves the queue's single wake-up earlier.
        List<PendingCall> calls = new ArrayList<>();
        for (int i = 5; i >= 1; i--) {
            PendingCall call = open(Duration.ofMillis(40L * i));
            table.watchDeadline(call);
            calls.add(call);
        }
        for (PendingCall call : calls) {
            CompletionException failure = assertThrows(CompletionException.class,
                    () -> call.reply().orTimeout(10, TimeUnit.SECONDS).join());
            assertInstanceOf(IllegalStateException.class, failure.getCause(), failure.toString());
        }
        List<Long> expected = new ArrayList<>();
        calls.forEach(call -> expected.add(call.id()));
        Collections.reverse(expected);
        assertEquals(expected, owner.timeouts, "earliest deadline first");
        assertEquals(owner.timeouts, owner.cancels, "each expired call is cancelled on the peer, once");
        assertEquals(0, table.watched());
        assertEquals(0, owner.open.get());
    }

    @Test
    void aReplyThatWinsTheRaceWithTheDeadlineIsKeptAndNothingIsCancelled() throws Exception {
        PendingCall call = open(LONG);
        assertTrue(table.complete(result(call.id())));
        table.expire(call); // the blocking caller's wait ended at the same moment
        assertTrue(call.reply().isDone() && !call.reply().isCompletedExceptionally());
        assertTrue(owner.cancels.isEmpty());
        assertTrue(owner.timeouts.isEmpty());
    }

    @Test
    void cancellingEndsTheCallOnceAndTellsThePeer() {
        PendingCall call = open(LONG);
        table.watchDeadline(call);
        table.cancel(call, "cancelled by the test");
        table.cancel(call, "again");
        assertThrows(CancellationException.class, () -> call.reply().join());
        assertEquals(List.of(call.id()), owner.cancels);
        assertEquals(0, table.watched());
        assertEquals(0, owner.open.get());
    }

    @Test
    void closingFailsEveryPendingCallAndOpensNoMore() {
        PendingCall watched = open(LONG);
        table.watchDeadline(watched);
        PendingCall blocking = open(LONG);
        RuntimeException gone = new IllegalStateException("gone");
        table.close(gone);
        for (PendingCall call : List.of(watched, blocking)) {
            CompletionException failure = assertThrows(CompletionException.class,
                    () -> call.reply().join());
            assertSame(gone, failure.getCause());
        }
        assertNull(open(LONG));
        assertEquals(0, table.watched());
        assertEquals(0, owner.open.get());
        assertTrue(owner.cancels.isEmpty(), "a closed connection sends nothing");
    }

    @Test
    void theQueueFiresWhatIsLeftInDeadlineOrderUnderRandomAddsAndRemovals() throws Exception {
        List<PendingCall> fired = new CopyOnWriteArrayList<>();
        DeadlineQueue queue = new DeadlineQueue(fired::add);
        Random random = new Random(11);
        List<PendingCall> live = new ArrayList<>();
        long base = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        for (int i = 0; i < 3000; i++) {
            if (live.isEmpty() || random.nextInt(3) > 0) {
                PendingCall call = new PendingCall(i, "t:c", null, base + random.nextInt(200_000_000), 1);
                queue.add(call);
                live.add(call);
            } else {
                queue.remove(live.remove(random.nextInt(live.size())));
            }
        }
        assertEquals(live.size(), queue.size());
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (fired.size() < live.size() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        List<Long> expected = live.stream().map(PendingCall::deadlineNanos).sorted().toList();
        assertEquals(expected, fired.stream().map(PendingCall::deadlineNanos).toList(),
                "exactly the calls left, earliest deadline first");
        assertEquals(0, queue.size());
    }
}
