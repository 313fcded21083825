package io.typedipc.runtime.internal.engine;


/**
 * The future of an asynchronous request. Cancelling it cancels the request on the peer ({@code $/cancelRequest}).
 *
 * <p>Waiting on it ({@code get}, {@code join}) never waits forever and never deadlocks its context: the request has a
 * deadline, a wait on the context's dispatch thread keeps serving that thread's messages, and a wait on any other
 * thread (such as the only thread of an application-supplied executor, where the reply would normally be delivered)
 * takes the reply itself when it arrives. Stages derived from it ({@code thenApply}, ...) wait the same way.
 */
public final class IpcFuture<T> extends ServingFuture<T> {
    private final Connection connection;
    private final PendingCall call;

    IpcFuture(Connection connection, PendingCall call) {
        super(null);
        this.connection = connection;
        this.call = call;
    }

    Connection connection() {
        return connection;
    }

    @Override
    IpcFuture<?> root() {
        return this;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            connection.cancelOutgoing(call);
        }
        return cancelled;
    }

    /** Waits (serving, on the dispatch thread) until the reply or failure is in, and settles this future with it. */
    void settleWhenAnswered(long deadlineNanos) throws InterruptedException {
        if (!isDone()) {
            connection.awaitAndSettle(this, call, deadlineNanos);
        }
    }

    @Override
    public String toString() {
        return "IpcFuture{" + call + ", " + super.toString() + "}";
    }
}
