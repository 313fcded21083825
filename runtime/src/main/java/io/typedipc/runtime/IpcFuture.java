package io.typedipc.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future of an asynchronous request. Cancelling it cancels the request on the peer ({@code $/cancelRequest}).
 * Waiting on it ({@code get}, {@code join}) from the context's dispatch thread keeps serving that thread's messages,
 * so waiting in a handler cannot deadlock the context. Stages derived from it are plain {@link CompletableFuture}s.
 */
final class IpcFuture<T> extends CompletableFuture<T> {
    private final Connection connection;
    private final long requestId;

    IpcFuture(Connection connection, long requestId) {
        this.connection = connection;
        this.requestId = requestId;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            connection.cancelOutgoing(requestId);
        }
        return cancelled;
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        connection.serveUntilDone(this, Long.MAX_VALUE);
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        connection.serveUntilDone(this, System.nanoTime() + unit.toNanos(timeout));
        return super.get(timeout, unit);
    }

    @Override
    public T join() {
        try {
            connection.serveUntilDone(this, Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return super.join();
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }

    @Override
    public String toString() {
        return "IpcFuture{request #" + requestId + ", " + super.toString() + "}";
    }
}
