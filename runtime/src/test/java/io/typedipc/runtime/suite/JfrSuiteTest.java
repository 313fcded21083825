package io.typedipc.runtime.suite;

import static io.typedipc.runtime.suite.Rig.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.IpcRefusedException;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.IpcTimeoutException;
import io.typedipc.runtime.NoSuchChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The JFR events: one per call made and per call served, with their fields, and the connection events. */
class JfrSuiteTest {
    private static final String FIXTURES = "io.typedipc.runtime.suite.TransportFixtures#all";

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void callsServedCallsAndConnectionsAreRecorded(TransportFixture fixture) throws Exception {
        String unique = "jfr" + System.nanoTime() + ":";
        List<RecordedEvent> events;
        String panelPeer;
        try (Recording recording = new Recording()) {
            recording.enable("io.typedipc.Call");
            recording.enable("io.typedipc.Serve");
            recording.enable("io.typedipc.ConnectionOpened");
            recording.enable("io.typedipc.ConnectionClosed");
            recording.start();
            CountDownLatch noted = new CountDownLatch(1);
            try (Rig rig = new Rig(fixture, IpcSettings.builder().defaultDeadline(Duration.ofMillis(300)).build())) {
                rig.main.handle(unique + "echo", (event, args) -> args[0]);
                rig.main.handle(unique + "slow", (event, args) -> new CompletableFuture<>());
                rig.main.on(unique + "note", (event, args) -> noted.countDown());
                rig.main.interceptIncoming(call -> {
                    if (call.channel().endsWith("secret")) {
                        throw new IpcRefusedException("no");
                    }
                });
                rig.main.handle(unique + "secret", (event, args) -> "never");
                IpcRenderer panel = rig.connect("panel", IpcSettings.builder().defaultDeadline(Duration.ofMillis(300)).build());
                panelPeer = rig.handle("panel").toString();
                assertEquals("hello", panel.sendSync(unique + "echo", "hello"));
                assertEquals("async", get(panel.invoke(unique + "echo", "async")));
                panel.send(unique + "note", 1);
                Rig.await(noted);
                assertThrows(IpcTimeoutException.class, () -> panel.sendSync(unique + "slow"));
                assertThrows(NoSuchChannelException.class, () -> panel.sendSync(unique + "none"));
                assertThrows(IpcRefusedException.class, () -> panel.sendSync(unique + "secret"));
                CountDownLatch gone = new CountDownLatch(1);
                rig.main.onRendererDisconnected(handle -> gone.countDown());
                panel.close();
                Rig.await(gone); // main's closed event is committed before its disconnect listeners run
            }
            recording.stop();
            Path file = Files.createTempFile("typed-ipc", ".jfr");
            try {
                recording.dump(file);
                events = RecordingFile.readAllEvents(file);
            } finally {
                Files.deleteIfExists(file);
            }
        }
        List<RecordedEvent> calls = named(events, "io.typedipc.Call", unique);
        List<RecordedEvent> served = named(events, "io.typedipc.Serve", unique);

        RecordedEvent sync = one(calls, unique + "echo", "SYNC");
        assertEquals("panel", sync.getString("context"));
        assertEquals("main", sync.getString("peer"));
        assertEquals("OK", sync.getString("outcome"));
        assertEquals(0, sync.getInt("errorCode"));
        assertTrue(sync.getLong("bytesOut") > 0 && sync.getLong("bytesIn") > 0);
        assertTrue(!sync.getDuration().isNegative());
        RecordedEvent async = one(calls, unique + "echo", "REQUEST");
        assertEquals("OK", async.getString("outcome"));
        RecordedEvent note = one(calls, unique + "note", "ONE_WAY");
        assertEquals(0, note.getLong("bytesIn"));
        RecordedEvent timeout = one(calls, unique + "slow", "SYNC");
        assertEquals("TIMEOUT", timeout.getString("outcome"));
        assertEquals(-32003, timeout.getInt("errorCode"));
        assertTrue(timeout.getDuration().toMillis() >= 250, timeout.getDuration().toString());
        assertEquals("ERROR", one(calls, unique + "none", "SYNC").getString("outcome"));
        assertEquals(-32601, one(calls, unique + "none", "SYNC").getInt("errorCode"));
        assertEquals("REFUSED", one(calls, unique + "secret", "SYNC").getString("outcome"));

        List<RecordedEvent> servedEcho = served.stream().filter(e -> e.getString("channel").equals(unique + "echo"))
                .collect(Collectors.toList());
        assertEquals(2, servedEcho.size());
        RecordedEvent echo = servedEcho.get(0);
        assertEquals("main", echo.getString("context"));
        assertEquals(panelPeer, echo.getString("peer"));
        assertEquals("REQUEST", echo.getString("kind"));
        assertEquals(sync.getLong("bytesOut"), echo.getLong("bytesIn"));
        assertEquals(sync.getLong("bytesIn"), echo.getLong("bytesOut"));
        assertEquals("ONE_WAY", one(served, unique + "note", "ONE_WAY").getString("kind"));
        assertEquals("CANCELLED", one(served, unique + "slow", "REQUEST").getString("outcome"));
        assertEquals("REFUSED", one(served, unique + "secret", "REQUEST").getString("outcome"));
        assertTrue(served.stream().noneMatch(e -> e.getString("channel").equals(unique + "none")),
                "a request nobody handles is not a served call");

        assertTrue(events.stream().anyMatch(e -> e.getEventType().getName().equals("io.typedipc.ConnectionOpened")
                && e.getString("context").equals("main") && e.getString("peer").equals(panelPeer)), "main's open");
        assertTrue(events.stream().anyMatch(e -> e.getEventType().getName().equals("io.typedipc.ConnectionOpened")
                && e.getString("context").equals("panel") && e.getString("peer").equals("main")), "the panel's open");
        assertTrue(events.stream().anyMatch(e -> e.getEventType().getName().equals("io.typedipc.ConnectionClosed")
                && e.getString("context").equals("main") && e.getString("peer").equals(panelPeer)), "main's close");
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String type, String channelPrefix) {
        return events.stream().filter(e -> e.getEventType().getName().equals(type)
                && e.getString("channel").startsWith(channelPrefix)).collect(Collectors.toList());
    }

    private static RecordedEvent one(List<RecordedEvent> events, String channel, String kind) {
        List<RecordedEvent> matching = events.stream()
                .filter(e -> e.getString("channel").equals(channel) && e.getString("kind").equals(kind))
                .collect(Collectors.toList());
        assertEquals(1, matching.size(), () -> channel + " " + kind + " in " + events);
        return matching.get(0);
    }
}
