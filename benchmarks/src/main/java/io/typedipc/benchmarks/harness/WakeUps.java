package io.typedipc.benchmarks.harness;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * Thread wake-ups, counted as Linux counts them: the voluntary context switches of every thread of a set of processes
 * ({@code voluntary_ctxt_switches} in {@code /proc/<pid>/task/<tid>/status}). A thread that parks, waits or blocks in
 * a read and is woken again adds one. Threads that end between two readings take their counts with them, so the
 * figure is a slight undercount if threads come and go (none of the measured implementations starts threads per call).
 */
public final class WakeUps {
    private static final Path PROC = Path.of("/proc");

    private WakeUps() {
    }

    /** Whether this machine has the counters at all. */
    public static boolean available() {
        return Files.isReadable(PROC.resolve("self/task"));
    }

    /** The sum of the voluntary context switches of every thread of every process in {@code pids}. */
    public static long count(Collection<Long> pids) {
        long total = 0;
        for (long pid : pids) {
            total += count(pid);
        }
        return total;
    }

    private static long count(long pid) {
        long total = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(PROC.resolve(Long.toString(pid)).resolve("task"))) {
            for (Path task : tasks) {
                total += switches(task.resolve("status"));
            }
        } catch (IOException e) {
            return 0; // the process is gone
        }
        return total;
    }

    private static long switches(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("voluntary_ctxt_switches:")) {
                    return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // the thread ended while being read
        }
        return 0;
    }
}
