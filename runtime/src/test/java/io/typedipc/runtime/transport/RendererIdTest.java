package io.typedipc.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.InProcessRenderer;
import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.RendererHandle;
import io.typedipc.runtime.WireLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A renderer knows the id main gave it ({@code IpcRenderer.id()}) on every transport that can tell it: in process,
 * over sockets (the hello reply) and over stdio when main launched it ({@code $/welcome}); and
 * {@code IpcMain.connectInProcess} hands main's {@link RendererHandle} for the renderer to the caller.
 */
class RendererIdTest {
    private static final long WAIT = 30;

    @Test
    void anInProcessRendererKnowsItsIdAndNameFromSetupOn() throws Exception {
        try (IpcMain main = IpcMain.create()) {
            LinkedBlockingQueue<Integer> senders = new LinkedBlockingQueue<>();
            main.on("who:am-i", (event, args) -> senders.add(event.senderId()));
            AtomicReference<OptionalInt> inSetup = new AtomicReference<>();
            try (InProcessRenderer first = main.connectInProcess("panel", IpcSettings.defaults(),
                    renderer -> inSetup.set(renderer.id()));
                    InProcessRenderer second = main.connectInProcess("panel")) {
                RendererHandle handle = first.handle();
                assertEquals(OptionalInt.of(handle.id()), first.renderer().id());
                assertEquals(first.renderer().id(), inSetup.get(), "known in setup already");
                assertSame(handle, main.renderer(handle.id()).orElseThrow());
                assertEquals("panel-2", second.handle().name());
                assertEquals("panel-2", second.renderer().name(), "the renderer has the name main gave it");
                assertEquals(second.handle().id(), second.renderer().id().orElseThrow());
                assertTrue(first.renderer().id().orElseThrow() != second.renderer().id().orElseThrow());

                second.renderer().send("who:am-i");
                assertEquals(second.handle().id(), senders.poll(WAIT, TimeUnit.SECONDS));
                // The handle is a peer for the renderer's own channels.
                first.renderer().handle("panel:echo", (event, args) -> "panel got " + args[0]);
                assertEquals("panel got 1", handle.invoke("panel:echo", 1).get(WAIT, TimeUnit.SECONDS));
            }
            assertEquals(List.of(), main.renderers(), "closing an InProcessRenderer closes the renderer");
        }
    }

    @Test
    void theOldConnectInProcessKeepsItsShapeAndKnowsItsIdToo() {
        try (IpcMain main = IpcMain.create(); IpcRenderer panel = IpcRenderer.connectInProcess(main, "panel")) {
            assertEquals(main.renderer("panel").orElseThrow().id(), panel.id().orElseThrow());
        }
    }

    @Test
    void aSetupThatThrowsClosesTheRendererAndMainSeesItGo() throws Exception {
        try (IpcMain main = IpcMain.create()) {
            LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
            main.onRendererConnected(handle -> events.add("+" + handle.name()));
            main.onRendererDisconnected(handle -> events.add("-" + handle.name()));
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> main.connectInProcess("broken", IpcSettings.defaults(), renderer -> {
                        throw new IllegalStateException("setup failed");
                    }));
            assertEquals("setup failed", thrown.getMessage());
            assertEquals("+broken", events.poll(WAIT, TimeUnit.SECONDS));
            assertEquals("-broken", events.poll(WAIT, TimeUnit.SECONDS));
            assertEquals(List.of(), main.renderers());
        }
    }

    @Test
    void connectInProcessValidatesItsInput() {
        IpcMain main = IpcMain.create();
        assertThrows(NullPointerException.class, () -> main.connectInProcess(null));
        assertThrows(NullPointerException.class, () -> main.connectInProcess("a", null, r -> { }));
        assertThrows(NullPointerException.class, () -> main.connectInProcess("a", IpcSettings.defaults(), null));
        assertThrows(IllegalArgumentException.class, () -> main.connectInProcess("two\nlines"));
        assertEquals(List.of(), main.renderers());
        main.close();
        assertThrows(IllegalStateException.class, () -> main.connectInProcess("late"));
    }

    @Test
    void aRendererOnALinkOfItsOwnHasNoIdUnlessTold() {
        try (IpcMain main = IpcMain.create()) {
            PipePair pipes = PipePair.open();
            RendererHandle handle = main.attach(pipes.leftLink("plain", WireLimits.defaults()), "plain");
            try (IpcRenderer plain = IpcRenderer.connect(pipes.rightLink("plain", WireLimits.defaults()), "plain",
                    IpcSettings.defaults())) {
                assertEquals(OptionalInt.empty(), plain.id());
            }
            PipePair told = PipePair.open();
            RendererHandle toldHandle = main.attach(told.leftLink("told", WireLimits.defaults()), "told");
            try (IpcRenderer renderer = IpcRenderer.connect(told.rightLink("told", WireLimits.defaults()),
                    toldHandle.id(), "told", IpcSettings.defaults(), r -> { })) {
                assertEquals(OptionalInt.of(toldHandle.id()), renderer.id());
            }
            assertThrows(IllegalArgumentException.class, () -> IpcRenderer.connect(
                    PipePair.open().rightLink("x", WireLimits.defaults()), 0, "x", IpcSettings.defaults(), r -> { }));
            assertTrue(handle.id() > 0);
        }
    }

    @Test
    void aSocketRendererKnowsTheIdFromTheHelloReply(@TempDir Path folder) throws Exception {
        try (IpcMain main = IpcMain.create(); SocketServer tcp = SocketTransport.listenTcp(main, 0);
                SocketServer unix = SocketTransport.listenUnix(main, folder)) {
            LinkedBlockingQueue<Integer> senders = new LinkedBlockingQueue<>();
            main.on("who:am-i", (event, args) -> senders.add(event.senderId()));
            for (SocketServer server : List.of(tcp, unix)) {
                AtomicReference<OptionalInt> inSetup = new AtomicReference<>();
                try (IpcRenderer renderer = SocketTransport.connect(server.address(), server.token(), "sock",
                        IpcSettings.defaults(), r -> inSetup.set(r.id()))) {
                    int id = renderer.id().orElseThrow();
                    assertEquals(OptionalInt.of(id), inSetup.get());
                    assertEquals(renderer.name(), main.renderer(id).orElseThrow().name());
                    renderer.send("who:am-i");
                    assertEquals(id, senders.poll(WAIT, TimeUnit.SECONDS));
                }
            }
        }
    }

    @Test
    void aChildLaunchedByMainKnowsItsIdAndTheNameMainGaveIt() throws Exception {
        List<Process> processes = new ArrayList<>();
        try (IpcMain main = IpcMain.create()) {
            LinkedBlockingQueue<String> ready = new LinkedBlockingQueue<>();
            main.on("main:ready", (event, args) -> ready.add(event.senderName()));
            ChildProcessTransport.ChildRenderer first = ChildProcessTransport.launch(main,
                    ChildProcessTransportTest.childJvm(StdioRendererMain.class.getName(), "kid"), "kid");
            processes.add(first.process());
            ChildProcessTransport.ChildRenderer second = ChildProcessTransport.launch(main,
                    ChildProcessTransportTest.childJvm(StdioRendererMain.class.getName(), "kid"), "kid");
            processes.add(second.process());
            assertEquals(List.of("kid", "kid-2"), List.of(ready.poll(WAIT, TimeUnit.SECONDS),
                    ready.poll(WAIT, TimeUnit.SECONDS)).stream().sorted().toList());
            for (ChildProcessTransport.ChildRenderer child : List.of(first, second)) {
                RendererHandle handle = child.handle();
                assertEquals("OptionalInt[" + handle.id() + "] " + handle.name(), handle.sendSync("child:who"));
            }
        } finally {
            for (Process process : processes) {
                if (!process.waitFor(WAIT, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    @Test
    void aStdioChildThatMainDidNotLaunchHasNoId() throws Exception {
        // Launched by hand, without ChildProcessTransport: no TYPED_IPC_STDIO_WELCOME, so nothing is read ahead.
        ProcessBuilder builder = ChildProcessTransportTest.childJvm(StdioRendererMain.class.getName(), "by-hand")
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().remove(StdioTransport.WELCOME_ENV);
        Process process = builder.start();
        try (IpcMain main = IpcMain.create()) {
            RendererHandle handle = main.attach(new StreamLink(process.getInputStream(), process.getOutputStream(),
                    null, "by-hand child", WireLimits.defaults()), "by-hand");
            assertEquals("OptionalInt.empty by-hand", handle.sendSync("child:who"));
        } finally {
            if (!process.waitFor(WAIT, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void theWelcomeIsReadExactlyAndAnythingElseIsRefused() throws Exception {
        try (IpcMain main = IpcMain.create(); InProcessRenderer panel = main.connectInProcess("welcomed")) {
            byte[] welcome = StdioTransport.welcomeFrame(panel.handle());
            byte[] next = "{\"jsonrpc\":\"2.0\",\"method\":\"next\"}".getBytes(StandardCharsets.UTF_8);
            InputStream in = new ByteArrayInputStream(concat(framed(welcome), framed(next)));
            StdioTransport.Welcome read = StdioTransport.readWelcome(in, WireLimits.defaults());
            assertEquals(new StdioTransport.Welcome(panel.handle().id(), "welcomed"), read);
            assertEquals(new String(framed(next), StandardCharsets.UTF_8),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8), "nothing after the welcome was read");
        }
        for (String bad : List.of("{\"jsonrpc\":\"2.0\",\"method\":\"$/hello\",\"params\":{}}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$/welcome\",\"params\":{\"protocol\":\"typed-ipc/1\","
                        + "\"rendererId\":3,\"name\":\"x\"}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"$/welcome\",\"params\":{\"protocol\":\"typed-ipc/1\","
                        + "\"rendererId\":0,\"name\":\"x\"}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"$/welcome\",\"params\":{\"protocol\":\"other/9\","
                        + "\"rendererId\":3,\"name\":\"x\"}}",
                "not json")) {
            InputStream in = new ByteArrayInputStream(framed(bad.getBytes(StandardCharsets.UTF_8)));
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> StdioTransport.readWelcome(in, WireLimits.defaults()), bad);
            assertTrue(refused.getMessage().startsWith("main's first frame is not"), refused.getMessage());
        }
        IllegalStateException closed = assertThrows(IllegalStateException.class,
                () -> StdioTransport.readWelcome(new ByteArrayInputStream(new byte[0]), WireLimits.defaults()));
        assertTrue(closed.getMessage().contains("closed stdin"), closed.getMessage());
        assertThrows(UncheckedIOException.class, () -> StdioTransport.readWelcome(new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("broken pipe");
            }
        }, WireLimits.defaults()));
    }

    private static byte[] framed(byte[] body) {
        return concat(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), body);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
