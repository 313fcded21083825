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
 * {@code io.typedipc.runtime}, every level included, so a test can check that a clear log line was written at the
 * level the docs name (exactly that level: a DEBUG line logged at WARNING, or the reverse, fails).
 */
public final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger("io.typedipc.runtime");
    private final Level previous;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    public LogCapture() {
        previous = logger.getLevel();
        logger.setLevel(Level.ALL);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    /** Waits (generously) for a record at exactly {@code level} whose formatted text contains every fragment. */
    public LogRecord await(Level level, String... fragments) throws InterruptedException {
        return awaitCount(1, level, fragments).get(0);
    }

    /** Waits (generously) until {@code count} records at exactly {@code level} contain every fragment; returns them. */
    public List<LogRecord> awaitCount(int count, Level level, String... fragments) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            List<LogRecord> matching = matching(level, fragments);
            if (matching.size() >= count) {
                return matching;
            }
            if (System.nanoTime() >= deadline) {
                throw new AssertionError(count + " " + level + " log line(s) with " + List.of(fragments)
                        + " expected, " + matching.size() + " found; logged: "
                        + records.stream().map(r -> r.getLevel() + " " + text(r)).toList());
            }
            Thread.sleep(5); // polling a condition with a deadline
        }
    }

    /** The records so far at exactly {@code level} that contain every fragment. */
    public List<LogRecord> matching(Level level, String... fragments) {
        return records.stream()
                .filter(record -> record.getLevel().equals(level) && containsAll(text(record), fragments))
                .toList();
    }

    public void clear() {
        records.clear();
    }

    public static String text(LogRecord record) {
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
