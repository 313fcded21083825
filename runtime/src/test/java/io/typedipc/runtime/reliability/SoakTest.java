package io.typedipc.runtime.reliability;

import io.typedipc.runtime.CallOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.IpcRenderer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * OPT-IN SOAK, off by default: {@code mvn -pl runtime test -Dtest=SoakTest -Dtypedipc.soak.minutes=5}. For that many
 * minutes it keeps a main busy over TCP loopback with blocking, async and one-way traffic from renderers that
 * connect and disconnect, prints main's live heap (after a full GC) each minute, and fails if any call fails, if a
 * one-way message is lost, duplicated or reordered, or if the live heap at the end is far above the baseline taken
 * after the first round (warm-up), so even a one-minute run compares two different samples.
 */
@EnabledIfSystemProperty(named = "typedipc.soak.minutes", matches = "[1-9][0-9]*")
class SoakTest {

    @Test
    void mixedTrafficForMinutesKeepsTheHeapFlat() throws Exception {
        long minutes = Long.getLong("typedipc.soak.minutes");
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<Long> liveHeap = new ArrayList<>();
        long baseline = -1;
        long calls = 0;
        try (ServedMain served = new ServedMain()) {
            long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
            long nextReport = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            int round = 0;
            while (System.nanoTime() < end) {
                round++;
                // A renderer that lives for one round: connection churn.
                try (IpcRenderer panel = io.typedipc.runtime.transport.SocketTransport.connect(served.server.address(),
                        served.server.token(), "soak-" + round, io.typedipc.runtime.IpcSettings.defaults())) {
                    List<CompletableFuture<Object>> async = new ArrayList<>();
                    for (int i = 0; i < 1_000; i++) {
                        async.add(panel.invoke("rel:echo", "m" + i));
                        panel.send(ServedMain.NOTE, i);
                    }
                    for (int i = 0; i < 100; i++) {
                        assertEquals(i + 1, panel.call(ServedMain.ADD, CallOptions.DEFAULT.withDeadline(Duration.ofSeconds(60)), i, 1));
                    }
                    for (int i = 0; i < async.size(); i++) {
                        assertEquals("m" + i, async.get(i).get(60, TimeUnit.SECONDS));
                    }
                    calls += 2_100;
                }
                // The one-way messages came before the blocking calls on one connection, so main has delivered all
                // of them by now: every one, once, in order.
                List<Object> notes = new ArrayList<>(served.notes);
                served.notes.clear();
                assertEquals(1_000, notes.size(), "one-way messages delivered in round " + round);
                for (int i = 0; i < notes.size(); i++) {
                    assertEquals(i, notes.get(i), "one-way message " + i + " of round " + round);
                }
                if (baseline < 0) {
                    memory.gc();
                    baseline = memory.getHeapMemoryUsage().getUsed();
                    System.out.printf("[soak] baseline after the first round: live heap %,d KiB%n", baseline >> 10);
                }
                if (System.nanoTime() >= nextReport) {
                    memory.gc();
                    long live = memory.getHeapMemoryUsage().getUsed();
                    liveHeap.add(live);
                    System.out.printf("[soak] minute %d: live heap %,d KiB, %,d calls and messages so far, %d renderers%n",
                            liveHeap.size(), live >> 10, calls, round);
                    nextReport += TimeUnit.MINUTES.toNanos(1);
                }
            }
            served.assertStillServing();
        }
        assertTrue(!liveHeap.isEmpty(), "at least one minute was reported");
        long last = liveHeap.get(liveHeap.size() - 1);
        assertTrue(last < baseline * 2 + 32L * 1024 * 1024, "live heap grew from " + (baseline >> 10)
                + " KiB after warm-up to " + (last >> 10) + " KiB: " + liveHeap);
    }
}
