package io.typedipc.runtime.transport;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes what a renderer process has queued for main before the JVM exits. A renderer that sends its final state and
 * then returns from {@code main} (or calls {@code System.exit}) would otherwise lose the frames its daemon writer
 * thread had not written yet. One shutdown hook, installed with the first link, closes each registered link and waits
 * for its writer, at most {@link #AT_EXIT} in all.
 */
final class ExitFlush {
    /** How long the JVM's exit waits, in all, for renderer links to write what is queued. */
    static final Duration AT_EXIT = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger(ExitFlush.class.getName());
    private static final Set<StreamLink> LINKS = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private ExitFlush() {}

    /** Flushes {@code link} when the JVM exits, unless it has finished writing before. */
    static void register(StreamLink link) {
        LINKS.add(link);
        if (INSTALLED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(ExitFlush::flushAll, "typed-ipc-exit-flush"));
        }
    }

    /** The link's writer has ended: nothing left to flush. */
    static void forget(StreamLink link) {
        LINKS.remove(link);
    }

    private static void flushAll() {
        long deadline = System.nanoTime() + AT_EXIT.toNanos();
        for (StreamLink link : List.copyOf(LINKS)) {
            try {
                if (!link.closeAndAwaitWritten(deadline)) {
                    LOG.log(Level.WARNING, () -> "exiting before " + link.describe() + " wrote everything queued ("
                            + link.queuedBytes() + " bytes left)");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
