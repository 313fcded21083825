package io.typedipc.benchmarks.harness;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated by every live thread of this JVM, from HotSpot's per-thread counters
 * ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}): the caller, the link's reader and writer, the
 * dispatch thread, the timer. Threads that end between two readings take their bytes with them (none of the measured
 * implementations starts threads per call). {@code -1} where the JVM does not count.
 */
public final class Allocation {
    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Allocation() {
    }

    /** The bytes allocated so far by the threads alive now, or -1 if this JVM does not count them. */
    public static long allThreads() {
        if (!(THREADS instanceof com.sun.management.ThreadMXBean counting) || !counting.isThreadAllocatedMemorySupported()
                || !counting.isThreadAllocatedMemoryEnabled()) {
            return -1;
        }
        long total = 0;
        for (long bytes : counting.getThreadAllocatedBytes(THREADS.getAllThreadIds())) {
            total += Math.max(0, bytes);
        }
        return total;
    }
}
