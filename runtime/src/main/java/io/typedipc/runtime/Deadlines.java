package io.typedipc.runtime;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The one timer thread, shared by every context, that fires the deadlines of asynchronous requests. */
final class Deadlines {
    private static final ScheduledThreadPoolExecutor TIMER = createTimer();

    private Deadlines() {}

    static ScheduledFuture<?> schedule(Runnable onDeadline, Duration after) {
        return TIMER.schedule(onDeadline, after.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static ScheduledThreadPoolExecutor createTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "typed-ipc-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true); // answered requests must not leave their timers behind
        return timer;
    }
}
