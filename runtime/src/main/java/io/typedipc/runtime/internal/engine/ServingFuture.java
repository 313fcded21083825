package io.typedipc.runtime.internal.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A future that, when waited on, first lets its root request's reply settle it (see {@link IpcFuture}). */
public class ServingFuture<T> extends CompletableFuture<T> {
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

    /**
     * Waits until this future is done or {@code deadlineNanos} ({@link System#nanoTime()} time, {@link Long#MAX_VALUE}
     * for none) passes, without settling anything itself; true if it is done.
     */
    final boolean awaitDone(long deadlineNanos) throws InterruptedException {
        if (isDone()) {
            return true;
        }
        // Not CompletableFuture.get: a thread blocked there also runs the future's callbacks once it is done, and
        // those belong on the context's executor.
        CountDownLatch done = new CountDownLatch(1);
        whenComplete((value, failure) -> done.countDown());
        if (deadlineNanos == Long.MAX_VALUE) {
            done.await();
            return true;
        }
        return done.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void prepare(long deadlineNanos) throws InterruptedException {
        IpcFuture<?> request = root();
        request.settleWhenAnswered(deadlineNanos);
        if (!isDone()) {
            // A later stage may still be queued on the dispatch thread (or wait on other work): keep serving.
            request.connection().serveUntilDone(this, deadlineNanos);
            awaitDone(deadlineNanos); // elsewhere, wait without running callbacks; get/join then return at once
        }
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new ServingFuture<>(root());
    }
}
