package io.typedipc.runtime.reliability;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what the runtime logs through {@code System.Logger} (backed by java.util.logging) under
 * {@code io.typedipc.runtime}, every level included, so a test can check that a clear log line was written.
 */
final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger("io.typedipc.runtime");
    private final Level previous;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    LogCapture() {
        previous = logger.getLevel();
        logger.setLevel(Level.ALL);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    /** Waits (generously) for a record at {@code level} or above whose formatted text contains every fragment. */
    LogRecord await(Level level, String... fragments) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (LogRecord record : records) {
                if (record.getLevel().intValue() >= level.intValue() && containsAll(text(record), fragments)) {
                    return record;
                }
            }
            Thread.sleep(5); // polling a condition with a deadline
        }
        throw new AssertionError("no " + level + " log line with " + List.of(fragments) + "; logged: "
                + records.stream().map(r -> r.getLevel() + " " + text(r)).toList());
    }

    void clear() {
        records.clear();
    }

    static String text(LogRecord record) {
        String message = record.getMessage() == null ? "" : record.getMessage();
        return record.getThrown() == null ? message : message + " " + record.getThrown();
    }

    private static boolean containsAll(String text, String... fragments) {
        for (String fragment : fragments) {
            if (!text.contains(fragment)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previous);
    }
}
