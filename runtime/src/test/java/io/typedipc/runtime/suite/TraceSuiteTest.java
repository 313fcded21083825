package io.typedipc.runtime.suite;

import static io.typedipc.runtime.suite.Rig.await;
import static io.typedipc.runtime.suite.Rig.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.NoSuchChannelException;
import io.typedipc.runtime.RendererHandle;
import io.typedipc.runtime.TraceRecorder;
import io.typedipc.runtime.TracedFrame;
import io.typedipc.runtime.TracedFrame.Direction;
import io.typedipc.runtime.TracedFrame.Kind;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The message trace ({@code IpcSettings.Builder.trace}): every frame in and out, on both ends, over every transport. */
class TraceSuiteTest {
    private static final String FIXTURES = "io.typedipc.runtime.suite.TransportFixtures#all";

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void bothEndsTraceRequestsRepliesAndNotificationsWithPeerKindAndLatency(TransportFixture fixture) throws Exception {
        TraceRecorder mainTrace = new TraceRecorder();
        TraceRecorder panelTrace = new TraceRecorder();
        try (Rig rig = new Rig(fixture, IpcSettings.builder().trace(mainTrace).build())) {
            CountDownLatch noted = new CountDownLatch(1);
            rig.main.handle("trace:echo", (event, args) -> args[0]);
            rig.main.on("trace:note", (event, args) -> noted.countDown());
            IpcRenderer panel = rig.connect("panel", IpcSettings.builder().trace(panelTrace).build());
            panel.handle("trace:back", (event, args) -> "back " + args[0]);
            RendererHandle handle = rig.handle("panel");

            assertEquals("hi", panel.sendSync("trace:echo", "hi"));
            panel.send("trace:note", 1);
            await(noted);
            assertEquals("back 7", get(handle.invoke("trace:back", 7)));

            String mainPeer = handle.toString(); // "renderer panel#<id>"
            TracedFrame request = only(panelTrace, Direction.SENT, Kind.REQUEST, "trace:echo");
            assertEquals("panel", request.context());
            assertEquals("main", request.peer());
            assertTrue(request.text().contains("\"method\":\"trace:echo\""), request.text());
            assertEquals(request.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length, request.bytes());
            TracedFrame result = only(panelTrace, Direction.RECEIVED, Kind.RESULT, "trace:echo");
            assertEquals(request.id(), result.id());
            assertNotNull(result.latency(), "a reply says how long after its request it came");
            assertFalse(result.latency().isNegative());
            assertTrue(result.nanoTime() - request.nanoTime() >= result.latency().toNanos());
            assertNull(request.latency());
            only(panelTrace, Direction.SENT, Kind.NOTIFICATION, "trace:note");
            only(panelTrace, Direction.RECEIVED, Kind.REQUEST, "trace:back");
            TracedFrame backReply = only(panelTrace, Direction.SENT, Kind.RESULT, "trace:back");
            assertTrue(backReply.text().contains("\"back 7\""), backReply.text());

            TracedFrame served = only(mainTrace, Direction.RECEIVED, Kind.REQUEST, "trace:echo");
            assertEquals("main", served.context());
            assertEquals(mainPeer, served.peer());
            TracedFrame answer = only(mainTrace, Direction.SENT, Kind.RESULT, "trace:echo");
            assertEquals(served.id(), answer.id());
            assertNotNull(answer.latency());
            only(mainTrace, Direction.RECEIVED, Kind.NOTIFICATION, "trace:note");
            only(mainTrace, Direction.SENT, Kind.REQUEST, "trace:back");
            only(mainTrace, Direction.RECEIVED, Kind.RESULT, "trace:back");
            String line = answer.format();
            assertTrue(line.contains("main -> " + mainPeer + ": result #" + answer.id() + " trace:echo after "), line);
            assertTrue(served.format().contains("main <- " + mainPeer + ": request #"), served.format());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void errorRepliesCarryTheirCodeAndLongFramesAreCutWithTheirSize(TransportFixture fixture) throws Exception {
        TraceRecorder panelTrace = new TraceRecorder();
        try (Rig rig = new Rig(fixture)) {
            rig.main.handle("trace:echo", (event, args) -> "ok");
            IpcRenderer panel = rig.connect("panel", IpcSettings.builder().trace(panelTrace).build());
            assertThrows(NoSuchChannelException.class, () -> panel.sendSync("trace:nobody"));
            TracedFrame error = only(panelTrace, Direction.RECEIVED, Kind.ERROR, "trace:nobody");
            assertEquals(-32601, error.errorCode());
            assertTrue(error.format().contains("code -32601"), error.format());

            String big = "x".repeat(3 * TracedFrame.MAX_TEXT_BYTES);
            assertEquals("ok", panel.sendSync("trace:echo", big));
            TracedFrame request = only(panelTrace, Direction.SENT, Kind.REQUEST, "trace:echo");
            assertTrue(request.bytes() > big.length());
            assertTrue(request.text().endsWith("…(" + request.bytes() + " bytes)"), request.text());
            assertTrue(request.text().length() < TracedFrame.MAX_TEXT_BYTES + 32, "cut to the limit");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(FIXTURES)
    void aTraceThatThrowsBreaksNothing(TransportFixture fixture) throws Exception {
        AtomicInteger seen = new AtomicInteger();
        IpcSettings failing = IpcSettings.builder().trace(frame -> {
            seen.incrementAndGet();
            throw new IllegalStateException("a broken trace");
        }).build();
        try (Rig rig = new Rig(fixture, failing)) {
            rig.main.handle("trace:echo", (event, args) -> args[0]);
            IpcRenderer panel = rig.connect("panel", failing);
            for (int i = 0; i < 20; i++) {
                assertEquals(i, panel.sendSync("trace:echo", i));
            }
            assertTrue(seen.get() >= 80, "both ends saw both frames of every call: " + seen.get());
        }
    }

    /** The one frame of this direction, kind and channel in the recorder. */
    static TracedFrame only(TraceRecorder recorder, Direction direction, Kind kind, String method) {
        List<TracedFrame> frames = recorder.frames().stream()
                .filter(f -> f.direction() == direction && f.kind() == kind && method.equals(f.method()))
                .collect(Collectors.toList());
        assertEquals(1, frames.size(), () -> "expected one " + direction + " " + kind + " " + method + " in\n"
                + recorder.frames().stream().map(TracedFrame::format).collect(Collectors.joining("\n")));
        return frames.get(0);
    }
}
