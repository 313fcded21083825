package io.typedipc.runtime.internal.engine;

import io.typedipc.runtime.internal.wire.Envelope;
import io.typedipc.runtime.internal.wire.MethodCodec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection's requests that wait for replies: allocates their ids, matches replies to them, and ends each one
 * exactly once — answered, past its deadline (one {@link DeadlineQueue} per connection), cancelled, or failed when
 * the connection closes. Where a call ends, its deadline is dealt with in one place ({@link #expire}), whichever
 * thread notices it first: the timer for asynchronous calls and forwards, the waiting caller for a blocking one.
 */
public final class CallTable {

    /** What the table needs from its connection. */
    public interface Owner {
        /** A call was opened: the context counts it as work in progress (a graceful close waits for it). */
        void callOpened();

        /** A call ended, however it ended. */
        void callEnded();

        /** Tells the peer that request {@code id} is abandoned ({@code $/cancelRequest}); must never wait. */
        void sendCancel(long id);

        /** The failure of a call whose deadline passed before its reply came. */
        RuntimeException timeout(PendingCall call);
    }

    private final Owner owner;
    private final AtomicLong nextId = new AtomicLong();
    private final Map<Long, PendingCall> pending = new ConcurrentHashMap<>();
    private final DeadlineQueue deadlines = new DeadlineQueue(this::expire);
    private volatile boolean closed;

    public CallTable(Owner owner) {
        this.owner = owner;
    }

    /** The calls waiting for replies now, oldest first (a snapshot: any may end the moment after). */
    public List<PendingCall> snapshot() {
        List<PendingCall> open = new ArrayList<>(pending.values());
        open.sort(Comparator.comparingLong(PendingCall::id));
        return open;
    }

    /**
     * Opens a call with a new id; {@code null} if the table is closed (the connection is gone). The deadline is
     * absolute ({@link System#nanoTime()} time, {@link Long#MAX_VALUE} for none); {@code deadlineMillis} is only for
     * messages. Not yet watched by the deadline queue: see {@link #watchDeadline}.
     */
    public PendingCall open(String channel, MethodCodec codec, long deadlineNanos, long deadlineMillis) {
        if (closed) {
            return null;
        }
        PendingCall call = new PendingCall(nextId.incrementAndGet(), channel, codec, deadlineNanos, deadlineMillis);
        owner.callOpened();
        pending.put(call.id(), call);
        if (closed && release(call)) { // closed while registering: close() may have missed it
            return null;
        }
        return call;
    }

    /**
     * Fails {@code call} at its deadline from the connection's deadline queue: for calls nobody blocks on
     * (asynchronous requests, forwards). A blocking caller waits with the deadline itself and calls {@link #expire}.
     */
    public void watchDeadline(PendingCall call) {
        deadlines.add(call);
        if (!pending.containsKey(call.id())) { // ended meanwhile: do not keep it queued
            deadlines.remove(call);
        }
    }

    /** The reader's half: completes the call {@code reply} answers; false if none waits for it (late or unknown). */
    public boolean complete(Envelope reply) {
        PendingCall call = reply.id() instanceof Long id ? pending.get(id) : null;
        if (call == null || !pending.remove(call.id(), call)) {
            return false;
        }
        deadlines.remove(call);
        CallWatch watch = call.watch();
        if (watch != null) {
            watch.received(reply.size());
        }
        // Complete first, then count the work done: a graceful close must not overtake the reply's delivery.
        call.reply().complete(reply);
        owner.callEnded();
        return true;
    }

    /** Forgets a call without telling the peer (it was never sent); false if it had already ended. */
    public boolean release(PendingCall call) {
        if (!pending.remove(call.id(), call)) {
            return false;
        }
        deadlines.remove(call);
        owner.callEnded();
        return true;
    }

    /** Gives up on a call and tells the peer; false if it had already ended (its reply may have come). */
    public boolean abandon(PendingCall call) {
        if (!release(call)) {
            return false;
        }
        owner.sendCancel(call.id());
        return true;
    }

    /** The call's deadline passed: abandoned, and failed with the owner's timeout unless it had already ended. */
    public void expire(PendingCall call) {
        if (abandon(call)) {
            call.reply().completeExceptionally(owner.timeout(call));
        }
    }

    /** The caller cancelled: abandoned, and failed with a {@link CancellationException} unless it had ended. */
    public void cancel(PendingCall call, String why) {
        if (abandon(call)) {
            call.reply().completeExceptionally(new CancellationException(why));
        }
    }

    /** The connection closed: every call still pending fails with {@code failure}; no call opens any more. */
    public void close(RuntimeException failure) {
        closed = true;
        deadlines.clear();
        for (PendingCall call : pending.values()) {
            if (pending.remove(call.id(), call)) {
                call.reply().completeExceptionally(failure);
                owner.callEnded();
            }
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** How many calls wait for replies. */
    public int size() {
        return pending.size();
    }

    /** How many of them the deadline queue watches (for tests). */
    int watched() {
        return deadlines.size();
    }
}
