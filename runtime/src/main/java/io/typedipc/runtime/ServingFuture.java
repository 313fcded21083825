package io.typedipc.runtime;

import io.typedipc.runtime.internal.engine.Deadlines;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A future that, when waited on, first lets its root request's reply settle it (see {@link IpcFuture}). */
class ServingFuture<T> extends CompletableFuture<T> {
    private final IpcFuture<?> root;

    ServingFuture(IpcFuture<?> root) {
        this.root = root;
    }

    IpcFuture<?> root() {
        return root;
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        prepare(Long.MAX_VALUE);
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        long deadlineNanos = Deadlines.deadlineNanos(java.time.Duration.ofNanos(unit.toNanos(timeout)));
        prepare(deadlineNanos);
        return super.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    @Override
    public T join() {
        try {
            prepare(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return super.join();
    }

    private void prepare(long deadlineNanos) throws InterruptedException {
        IpcFuture<?> request = root();
        request.settleWhenAnswered(deadlineNanos);
        if (!isDone()) {
            // A later stage may still be queued on the dispatch thread (or wait on other work): keep serving.
            request.connection().serveUntilDone(this, deadlineNanos);
        }
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new ServingFuture<>(root());
    }
}
