package io.typedipc.runtime.internal.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * One connection's request deadlines: a min-heap by deadline with a single wake-up on the shared timer, set for the
 * earliest deadline. A request costs a heap insert and removal instead of a task of its own on the timer (requests
 * with the same deadline length arrive in deadline order, so a new one rarely moves the wake-up). The heap knows
 * each call's position, so an answered call leaves it at once: nothing waits in it for a deadline that no longer
 * matters.
 *
 * <p>When the last call leaves, the wake-up stays set: the next call (one request at a time, awaited before the next
 * is sent, is the common case) almost always has a later deadline, and re-setting the wake-up for each of them would
 * wake the timer thread once per request. A wake-up that finds nothing due just sets the next one, if any. Only
 * {@link #clear()} (the connection closed) cancels it, so a closed connection is not kept reachable by the timer.
 */
final class DeadlineQueue {
    private final Consumer<PendingCall> onDeadline;
    private PendingCall[] heap = new PendingCall[16];
    private int size;
    private ScheduledFuture<?> wakeUp;
    private long wakeUpAt;

    /** {@code onDeadline} runs on the timer thread, outside the queue's lock, for each call whose deadline passed. */
    DeadlineQueue(Consumer<PendingCall> onDeadline) {
        this.onDeadline = onDeadline;
    }

    /** Watches {@code call}'s deadline; a call without one ({@link Long#MAX_VALUE}) is not queued. */
    synchronized void add(PendingCall call) {
        if (call.deadlineNanos() == Long.MAX_VALUE || call.queueIndex >= 0) {
            return;
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        call.queueIndex = size;
        heap[size++] = call;
        siftUp(call.queueIndex);
        if (heap[0] == call && (wakeUp == null || call.deadlineNanos() < wakeUpAt)) {
            schedule(call.deadlineNanos());
        }
    }

    /** Stops watching {@code call} (answered, abandoned or failed). */
    synchronized void remove(PendingCall call) {
        int index = call.queueIndex;
        if (index < 0) {
            return;
        }
        removeAt(index);
        // The wake-up stays where it is, even with nothing left: if it comes early it just sets the next one.
    }

    /** Forgets every call and the wake-up (the connection closed; its calls are failed elsewhere). */
    synchronized void clear() {
        for (int i = 0; i < size; i++) {
            heap[i].queueIndex = -1;
            heap[i] = null;
        }
        size = 0;
        cancelWakeUp();
    }

    synchronized int size() {
        return size;
    }

    /** Whether a wake-up is set on the timer (for tests). */
    synchronized boolean armed() {
        return wakeUp != null;
    }

    private void fire() {
        List<PendingCall> due = new ArrayList<>();
        synchronized (this) {
            wakeUp = null;
            long now = System.nanoTime();
            while (size > 0 && heap[0].deadlineNanos() - now <= 0) {
                due.add(heap[0]);
                removeAt(0);
            }
            if (size > 0) {
                schedule(heap[0].deadlineNanos());
            }
        }
        for (PendingCall call : due) {
            onDeadline.accept(call);
        }
    }

    private void schedule(long deadlineNanos) {
        cancelWakeUp();
        wakeUpAt = deadlineNanos;
        wakeUp = Deadlines.scheduleAtNanos(this::fire, deadlineNanos);
    }

    private void cancelWakeUp() {
        if (wakeUp != null) {
            wakeUp.cancel(false);
            wakeUp = null;
        }
    }

    private void removeAt(int index) {
        PendingCall removed = heap[index];
        removed.queueIndex = -1;
        PendingCall last = heap[--size];
        heap[size] = null;
        if (index < size) {
            heap[index] = last;
            last.queueIndex = index;
            siftDown(index);
            if (heap[index] == last) {
                siftUp(index);
            }
        }
    }

    private void siftUp(int index) {
        PendingCall call = heap[index];
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            if (heap[parent].deadlineNanos() - call.deadlineNanos() <= 0) {
                break;
            }
            place(heap[parent], index);
            index = parent;
        }
        place(call, index);
    }

    private void siftDown(int index) {
        PendingCall call = heap[index];
        while (true) {
            int child = 2 * index + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && heap[child + 1].deadlineNanos() - heap[child].deadlineNanos() < 0) {
                child++;
            }
            if (call.deadlineNanos() - heap[child].deadlineNanos() <= 0) {
                break;
            }
            place(heap[child], index);
            index = child;
        }
        place(call, index);
    }

    private void place(PendingCall call, int index) {
        heap[index] = call;
        call.queueIndex = index;
    }
}
