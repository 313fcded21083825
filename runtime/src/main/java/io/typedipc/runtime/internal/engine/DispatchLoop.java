package io.typedipc.runtime.internal.engine;

import java.lang.System.Logger.Level;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A context's own dispatch thread: runs tasks one at a time in the order queued, like a JavaScript event loop.
 * A blocking call made on this thread keeps serving the queue while it waits ({@link #awaitServing}), so a handler
 * that calls its peer synchronously while the peer calls back cannot deadlock (Electron's sync IPC does the same).
 */
public final class DispatchLoop implements Executor {
    private static final System.Logger LOG = System.getLogger(DispatchLoop.class.getName());
    private static final Runnable WAKE = () -> {};

    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean stopping;

    public DispatchLoop(String threadName) {
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void execute(Runnable task) {
        if (stopping) {
            throw new RejectedExecutionException(thread.getName() + " is shut down");
        }
        queue.add(task);
    }

    public boolean isLoopThread() {
        return Thread.currentThread() == thread;
    }

    /**
     * Waits for {@code future} until {@code deadlineNanos} ({@link System#nanoTime()} based, or
     * {@link Long#MAX_VALUE} for no deadline), running queued tasks meanwhile. Must be called on the loop thread.
     *
     * @return whether the future completed before the deadline
     */
    public boolean awaitServing(Future<?> future, long deadlineNanos) throws InterruptedException {
        if (future instanceof java.util.concurrent.CompletableFuture<?> completable) {
            completable.whenComplete((r, e) -> queue.add(WAKE));
        }
        while (!future.isDone()) {
            long remaining = deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            Runnable task = queue.poll(remaining, TimeUnit.NANOSECONDS);
            if (task != null) {
                runSafely(task);
            }
        }
        return true;
    }

    /** Stops taking tasks; the thread finishes what is queued and ends. */
    public void shutdown() {
        stopping = true;
        queue.add(WAKE);
    }

    private void run() {
        while (true) {
            Runnable task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            runSafely(task);
            if (stopping && queue.isEmpty()) {
                return;
            }
        }
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "a task on the dispatch thread failed", e);
        }
    }
}
