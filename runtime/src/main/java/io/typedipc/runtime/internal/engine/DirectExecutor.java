package io.typedipc.runtime.internal.engine;

import java.util.concurrent.Executor;

/**
 * Runs each task at once on the thread that hands it over ({@code IpcSettings.Builder.directExecutor()}): the link's
 * reader thread, or in process the sender's own thread. It marks the thread while a task runs, so that a blocking
 * wait made there is refused ({@link #refuseBlocking}) instead of waiting for a reply that only this thread could
 * read.
 */
public final class DirectExecutor implements Executor {
    public static final DirectExecutor INSTANCE = new DirectExecutor();
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private DirectExecutor() {}

    @Override
    public void execute(Runnable task) {
        int[] depth = DEPTH.get();
        depth[0]++;
        try {
            task.run();
        } finally {
            depth[0]--;
        }
    }

    /** Whether the current thread is running a handler (or callback) of a context in direct mode. */
    static boolean isRunning() {
        return DEPTH.get()[0] > 0;
    }

    /**
     * Refuses a blocking wait on a thread that runs a direct-mode handler: the reply it would wait for may need this
     * very thread to be read, and the thread serves every other message of its link meanwhile.
     */
    static void refuseBlocking(String what) {
        if (isRunning()) {
            throw new IllegalStateException(what + ": a handler running on the direct executor"
                    + " (IpcSettings.Builder.directExecutor) must not block; use an asynchronous request"
                    + " (invoke, a CompletableFuture method) and react in its callback");
        }
    }
}
