package io.typedipc.runtime.reliability;

import io.typedipc.runtime.CallOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.Binding;
import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.RendererHandle;
import io.typedipc.runtime.transport.ChildProcessTransport;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Load and ordering across a child-process (stdio) transport: one-way messages from 8 concurrent senders in the
 * child, checked by per-sender sequence numbers in main, with main's live heap sampled throughout; and 100,000
 * asynchronous requests in flight at once. The message count is {@value #DEFAULT_MESSAGES} unless
 * {@code -Dtypedipc.load.messages=N} says otherwise (docs/reliability.md has the measurements).
 */
class LoadTest {
    static final int DEFAULT_MESSAGES = 1_000_000;
    private static final int SENDERS = 8;
    private static final long WAIT = 600;
    /** Main's live heap (after a full GC) must stay under this while the messages flow. */
    private static final long LIVE_HEAP_BOUND = 384L * 1024 * 1024;

    private IpcMain main;
    private ChildProcessTransport.ChildRenderer child;
    private final LinkedBlockingQueue<Long> ready = new LinkedBlockingQueue<>();

    @BeforeEach
    void launch() throws Exception {
        main = IpcMain.create();
        main.on("load:ready", (event, a) -> ready.add(((Number) a[0]).longValue()));
    }

    private RendererHandle startChild() throws Exception {
        child = ChildProcessTransport.launch(main, ChildJvm.of(LoadRendererMain.class, List.of("-Xmx256m")), "load");
        Long childMaxHeap = ready.poll(120, TimeUnit.SECONDS);
        assertNotNull(childMaxHeap, "the child renderer started");
        return child.handle();
    }

    @AfterEach
    void stop() throws Exception {
        main.close();
        if (child != null && !child.process().waitFor(60, TimeUnit.SECONDS)) {
            child.process().destroyForcibly();
        }
    }

    @Test
    void oneWayMessagesFromEightSendersArriveOnceEachInOrderWithBoundedMemory() throws Exception {
        int total = Integer.getInteger("typedipc.load.messages", DEFAULT_MESSAGES);
        int perSender = total / SENDERS;
        int[] next = new int[SENDERS];
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(SENDERS);
        main.register(List.of(
                Binding.listener(LoadRendererMain.SEQ, (event, a) -> { // main's dispatch thread: one at a time
                    int sender = (Integer) a[0];
                    int seq = (Integer) a[1];
                    if (seq != next[sender] && problems.size() < 20) {
                        problems.add("sender " + sender + ": got " + seq + ", expected " + next[sender]
                                + (seq < next[sender] ? " (duplicate or reordered)" : " (lost)"));
                    }
                    next[sender] = seq + 1;
                }),
                Binding.listener(LoadRendererMain.DONE, (event, a) -> {
                    if ((Integer) a[1] != next[(Integer) a[0]]) {
                        problems.add("sender " + a[0] + " sent " + a[1] + " but main saw " + next[(Integer) a[0]]);
                    }
                    done.countDown();
                })));
        RendererHandle load = startChild();

        HeapSampler sampler = new HeapSampler();
        sampler.start();
        long start = System.nanoTime();
        load.send(LoadRendererMain.START, SENDERS, perSender);
        assertTrue(done.await(WAIT, TimeUnit.SECONDS), "every sender finished within " + WAIT + " s");
        long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        sampler.stop();
        System.out.printf("[reliability] %,d one-way messages from %d senders over stdio: %,d ms, %,d msg/s; "
                        + "main's live heap max %,d MiB over %d samples%n", perSender * SENDERS, SENDERS, millis,
                perSender * SENDERS * 1000L / millis, sampler.maxLive() >> 20, sampler.samples());
        assertTrue(problems.isEmpty(), problems.toString());
        for (int s = 0; s < SENDERS; s++) {
            assertEquals(perSender, next[s], "sender " + s);
        }
        assertTrue(sampler.maxLive() < LIVE_HEAP_BOUND, "main's live heap peaked at " + (sampler.maxLive() >> 20) + " MiB");
    }

    @Test
    void oneHundredThousandAsyncRequestsInFlightAtOnce() throws Exception {
        RendererHandle load = startChild();
        int count = 100_000;
        CallOptions options = CallOptions.DEFAULT.withDeadline(Duration.ofSeconds(WAIT));
        long start = System.nanoTime();
        List<CompletableFuture<Integer>> replies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            replies.add(load.invoke(LoadRendererMain.HOLD, options, i, count));
        }
        // The child answers none until the last has arrived: all 100,000 are in flight together.
        for (int i = 0; i < count; i++) {
            assertEquals(i * 2, replies.get(i).get(WAIT, TimeUnit.SECONDS));
        }
        System.out.printf("[reliability] %,d async requests in flight at once, all answered: %,d ms%n", count,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /** Samples the live heap (used after a full collection) every second on a thread of its own. */
    static final class HeapSampler {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicLong maxLive = new AtomicLong();
        private final AtomicLong samples = new AtomicLong();
        private final CountDownLatch stopped = new CountDownLatch(1);
        private final Thread thread = new Thread(this::run, "heap-sampler");

        void start() {
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            try {
                do {
                    memory.gc();
                    long used = memory.getHeapMemoryUsage().getUsed();
                    maxLive.accumulateAndGet(used, Math::max);
                    samples.incrementAndGet();
                } while (!stopped.await(1, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void stop() throws InterruptedException {
            stopped.countDown();
            thread.join();
        }

        long maxLive() {
            return maxLive.get();
        }

        long samples() {
            return samples.get();
        }
    }
}
