package io.typedipc.runtime.internal.engine;

import io.typedipc.runtime.internal.wire.Envelope;
import io.typedipc.runtime.internal.wire.MethodCodec;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * A request of ours that waits for its reply: its id, what decodes the reply, and its deadline, computed once when
 * the call is opened (as {@link System#nanoTime()} time; {@link Long#MAX_VALUE} for none).
 */
public final class PendingCall {
    // Who settles the caller's future of an asynchronous request from the reply (see the methods below):
    /** Nobody has claimed it yet. */
    private static final int OPEN = 0;
    /** A thread outside the context's executor waits for the reply and will settle the future itself. */
    private static final int WAITER = 1;
    /** The reply is in and left to that waiter: nothing was queued on the executor. */
    private static final int ANSWERED = 2;
    /** A settle task is queued on the context's executor (callbacks run there). */
    private static final int QUEUED = 3;
    /** Someone is settling (or has settled) it: exactly one thread decodes the reply. */
    private static final int SETTLED = 4;
    private static final VarHandle SETTLEMENT;

    static {
        try {
            SETTLEMENT = MethodHandles.lookup().findVarHandle(PendingCall.class, "settlement", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long id;
    private final String channel;
    private final MethodCodec codec;
    private final long deadlineNanos;
    private final long deadlineMillis;
    private final long openedNanos = System.nanoTime();
    private final CompletableFuture<Envelope> reply = new CompletableFuture<>();
    /** Who watches this call (interceptors, JFR), or {@code null}. */
    private volatile CallWatch watch;
    @SuppressWarnings("unused") // through SETTLEMENT
    private volatile int settlement = OPEN;
    /** The thread that waits as the settler, to wake it (set before it becomes WAITER). */
    private volatile Thread waiter;
    /** Where this call sits in its connection's deadline queue, or -1; guarded by the queue. */
    int queueIndex = -1;

    PendingCall(long id, String channel, MethodCodec codec, long deadlineNanos, long deadlineMillis) {
        this.id = id;
        this.channel = channel;
        this.codec = codec;
        this.deadlineNanos = deadlineNanos;
        this.deadlineMillis = deadlineMillis;
    }

    public long id() {
        return id;
    }

    public String channel() {
        return channel;
    }

    /** Decodes the reply's result or declared error. */
    public MethodCodec codec() {
        return codec;
    }

    /** When the caller stops waiting, in {@link System#nanoTime()} time; {@link Long#MAX_VALUE} if never. */
    public long deadlineNanos() {
        return deadlineNanos;
    }

    /** When the call was opened, in {@link System#nanoTime()} time. */
    public long openedNanos() {
        return openedNanos;
    }

    /** The deadline as the caller gave it, in milliseconds from when the call was opened (for messages). */
    public long deadlineMillis() {
        return deadlineMillis;
    }

    /**
     * Completes with the reply's envelope (a result or an error), or exceptionally when the call failed before one
     * came: deadline, disconnect, cancellation.
     */
    public CompletableFuture<Envelope> reply() {
        return reply;
    }

    /** Who watches this call, or {@code null} when nothing does. */
    public CallWatch watch() {
        return watch;
    }

    /** Set once, before the request is sent. */
    public void watch(CallWatch watch) {
        this.watch = watch;
    }

    // The settlement of an asynchronous request's future. The reply's completion ({@link #replyArrived}) and a thread
    // blocked in get()/join() ({@link #awaitAsSettler}) meet here; whatever the order, exactly one thread settles
    // ({@link #claimSettle} or {@link #settleAsWaiter} is true once), the completing thread alone decides who (so a
    // waiter never picks up work that belongs on the executor), and a waiter that gives up before the reply leaves
    // it to the executor again ({@link #stopAwaiting}), so no completion is lost.

    /**
     * The current thread, which is not the context's executor, is about to wait for the reply and will settle the
     * future itself, so that the reply needs no hop through the executor. False if the reply has already been
     * handed on, or another thread waits as the settler: then this one only waits.
     */
    public boolean awaitAsSettler() {
        waiter = Thread.currentThread();
        if (SETTLEMENT.compareAndSet(this, OPEN, WAITER)) {
            return true;
        }
        waiter = null;
        return false;
    }

    /**
     * The settler waits until the completing thread has decided ({@link #replyArrived}): true then, false at
     * {@code deadlineNanos} ({@link System#nanoTime()} time, {@link Long#MAX_VALUE} for none). It parks on its own
     * rather than on the reply's future, whose waiters also run that future's other completions.
     */
    public boolean awaitHandOver(long deadlineNanos) throws InterruptedException {
        while ((int) SETTLEMENT.getVolatile(this) == WAITER) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (deadlineNanos == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                long remaining = deadlineNanos - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                LockSupport.parkNanos(this, remaining);
            }
        }
        return true;
    }

    /**
     * The settler's wait ended without the reply (its own timeout or an interrupt): the executor settles when the
     * reply comes. False if the reply came meanwhile and was handed over: the waiter must look again.
     */
    public boolean stopAwaiting() {
        return SETTLEMENT.compareAndSet(this, WAITER, OPEN);
    }

    /**
     * The reply (or failure) is in, on the thread that completed it: true if the context's executor must settle the
     * future, false if the waiting settler does (it is woken) or someone already does. {@code callbacksOnExecutor}:
     * the future has callbacks that must run on the executor, so even a waiting settler leaves it to the executor.
     */
    public boolean replyArrived(boolean callbacksOnExecutor) {
        while (true) {
            int state = (int) SETTLEMENT.getVolatile(this);
            int next = switch (state) {
                case OPEN -> QUEUED;
                case WAITER -> callbacksOnExecutor ? QUEUED : ANSWERED;
                default -> -1;
            };
            if (next < 0) {
                return false;
            }
            if (SETTLEMENT.compareAndSet(this, state, next)) {
                if (state == WAITER) {
                    LockSupport.unpark(waiter);
                }
                return next == QUEUED;
            }
        }
    }

    /** The settler claims the settling the completing thread left to it: true once, if it was left to it. */
    public boolean settleAsWaiter() {
        return SETTLEMENT.compareAndSet(this, ANSWERED, SETTLED);
    }

    /** Claims the settling for the caller, whatever the state: true for exactly one caller. */
    public boolean claimSettle() {
        while (true) {
            int state = (int) SETTLEMENT.getVolatile(this);
            if (state == SETTLED) {
                return false;
            }
            if (SETTLEMENT.compareAndSet(this, state, SETTLED)) {
                return true;
            }
        }
    }

    @Override
    public String toString() {
        return "request #" + id + " " + channel;
    }
}
