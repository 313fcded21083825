package io.typedipc.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.ErrorCodes;
import io.typedipc.runtime.InProcessRenderer;
import io.typedipc.runtime.IpcError;
import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.PingResult;
import io.typedipc.runtime.RemoteException;
import io.typedipc.runtime.TraceRecorder;
import io.typedipc.runtime.TracedFrame;
import io.typedipc.runtime.transport.ChildProcessTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Typed channels against a peer we did not write: node/peer.js, built on the npm package vscode-jsonrpc (pinned in
 * node/package-lock.json and installed by this module's build with {@code npm ci}), launched as a renderer over its
 * stdin/stdout.
 */
class VscodeJsonRpcInteropTest {
    private static final long WAIT = 60;

    private IpcMain main;
    private ChildProcessTransport.ChildRenderer peer;
    private final LinkedBlockingQueue<String> notes = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<String> cancelled = new LinkedBlockingQueue<>();
    private final CountDownLatch holding = new CountDownLatch(1);
    private final CountDownLatch letGo = new CountDownLatch(1);
    private final List<IpcError> errors = new CopyOnWriteArrayList<>();
    private final TraceRecorder trace = new TraceRecorder();

    final class JavaServiceImpl implements JavaService {
        @Override
        public void note(String text) {
            notes.add(text);
        }

        @Override
        public int add(int a, int b) {
            return a + b;
        }

        @Override
        public CompletableFuture<String> upper(String text) {
            return CompletableFuture.supplyAsync(text::toUpperCase);
        }

        @Override
        public Point move(Point p, int dx, int dy) {
            return new Point(p.x() + dx, p.y() + dy);
        }

        @Override
        public Point mirror(Point p) {
            return new Point(-p.x(), -p.y());
        }

        @Override
        public String checkName(String name) throws BadNameException {
            if (name.contains(" ")) {
                throw new BadNameException("names cannot contain spaces: '" + name + "'");
            }
            return "ok " + name;
        }

        @Override
        public String hold(String tag) {
            holding.countDown();
            try {
                if (!letGo.await(WAIT, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never let " + tag + " go");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return "held " + tag;
        }

        @Override
        public CompletableFuture<String> waitForCancel(String tag) {
            CompletableFuture<String> never = new CompletableFuture<>();
            never.whenComplete((value, failure) -> cancelled.add(tag + (never.isCancelled() ? " cancelled" : " " + failure)));
            return never;
        }
    }

    @BeforeEach
    void launch() throws Exception {
        Path nodeDir = Path.of(System.getProperty("interop.node.dir", "node")).toAbsolutePath();
        assertTrue(Files.isDirectory(nodeDir.resolve("node_modules/vscode-jsonrpc")),
                "the build installs vscode-jsonrpc with npm ci before the tests: " + nodeDir);
        main = IpcMain.create(IpcSettings.builder().trace(trace).build());
        main.onError(errors::add);
        JavaServiceDispatcher.register(main, new JavaServiceImpl());
        String node = System.getProperty("interop.node.executable", "node");
        peer = ChildProcessTransport.launch(main,
                new ProcessBuilder(node, "peer.js").directory(nodeDir.toFile()), "vscode-jsonrpc-peer");
    }

    @AfterEach
    void stop() throws Exception {
        main.close();
        boolean exited = peer.process().waitFor(WAIT, TimeUnit.SECONDS);
        if (!exited) {
            peer.process().destroyForcibly();
        }
        assertTrue(exited, "the Node.js peer exits when main closes its stdin");
        assertEquals(0, peer.process().exitValue());
    }

    @Test
    void theNodePeerCallsTypedJavaChannels() throws Exception {
        NodeService node = new NodeServiceSender(peer.handle());
        ScenarioReport report = node.runScenario().get(WAIT, TimeUnit.SECONDS);

        assertEquals("hello from node", notes.poll(WAIT, TimeUnit.SECONDS), "one-way");
        assertEquals(42, report.added(), "blocking");
        assertEquals("SHOUT", report.upper(), "asynchronous");
        assertEquals(new Point(11, 22), report.moved(), "by-name params with a record");
        assertEquals(new Point(-3, -4), report.mirrored(), "a lone record sent as params, vscode-jsonrpc's default");
        assertEquals(new Point(-5, -6), report.mirroredByName(), "the same channel by name");
        assertEquals(new Point(-7, -8), report.mirroredByPosition(), "the same channel by position");
        assertEquals("ok good-name", report.checked());
        assertEquals(ErrorCodes.DECLARED_ERROR, report.declaredCode(), "declared error");
        assertEquals(BadNameException.class.getName(), report.declaredType());
        assertEquals("names cannot contain spaces: 'bad name'", report.declaredMessage());
        assertEquals(ErrorCodes.CANCELLED, report.cancelledCode(), "cancellation");
        assertEquals("job-1 cancelled", cancelled.poll(WAIT, TimeUnit.SECONDS));
        assertEquals(ErrorCodes.METHOD_NOT_FOUND, report.unknownCode());
    }

    @Test
    void javaCallsTheNodePeerThroughAGeneratedSender() throws Exception {
        NodeService node = new NodeServiceSender(peer.handle());
        assertEquals(42, node.multiply(6, 7).get(WAIT, TimeUnit.SECONDS));
        node.log("first");
        node.log("second");
        assertEquals(List.of("first", "second"), node.logged().get(WAIT, TimeUnit.SECONDS));
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> node.fail("because").get(WAIT, TimeUnit.SECONDS));
        RemoteException remote = assertInstanceOf(RemoteException.class, e.getCause());
        assertEquals(-32050, remote.code());
        assertTrue(remote.getMessage().contains("node refuses: because"), remote.getMessage());
    }

    @Test
    void javaPingsTheNodePeerWhichDoesNotKnowPingAndTheConnectionGoesOn() throws Exception {
        PingResult direct = peer.handle().ping(Duration.ofSeconds(WAIT)).get(WAIT, TimeUnit.SECONDS);
        assertFalse(direct.supported(), "vscode-jsonrpc answers -32601 (Unhandled method $/ping)");
        assertFalse(direct.roundTrip().isNegative());
        assertTrue(trace.frames().stream().anyMatch(frame -> frame.direction() == TracedFrame.Direction.RECEIVED
                && frame.kind() == TracedFrame.Kind.ERROR && "$/ping".equals(frame.method())
                && frame.errorCode() == ErrorCodes.METHOD_NOT_FOUND), "what the peer answered: " + trace.frames());
        assertFalse(main.peer("vscode-jsonrpc-peer").ping(Duration.ofSeconds(WAIT)).get(WAIT, TimeUnit.SECONDS)
                .supported(), "looked up by name");
        try (InProcessRenderer panel = main.connectInProcess("java-panel")) {
            // Through main: the peer gets a $/routed request, which it answers -32601 as well.
            PingResult routed = panel.renderer().peer("vscode-jsonrpc-peer").ping(Duration.ofSeconds(WAIT))
                    .get(WAIT, TimeUnit.SECONDS);
            assertFalse(routed.supported());
        }

        NodeService node = new NodeServiceSender(peer.handle());
        assertEquals(42, node.multiply(6, 7).get(WAIT, TimeUnit.SECONDS), "the connection goes on");
        assertTrue(peer.handle().isConnected());
        assertEquals(List.of(), node.errors().get(WAIT, TimeUnit.SECONDS), "the peer saw no error");
        assertEquals(List.of(), errors, "main reported no error");
    }

    @Test
    void theNodePeerPingsJavaAndMainAnswersWithAnEmptyObject() throws Exception {
        NodeService node = new NodeServiceSender(peer.handle());
        PingReport report = node.pingMain().get(WAIT, TimeUnit.SECONDS);
        assertEquals("{}", report.noParams(), "params absent");
        assertEquals("{}", report.emptyObject(), "params {}");
        assertEquals("{}", report.ignoredParams(), "params [\"anything\"], ignored");
        assertTrue(report.roundTripMillis() >= 0);
        assertEquals(3, report.added(), "a call after the pings");
        assertEquals(List.of(), node.errors().get(WAIT, TimeUnit.SECONDS));
        assertEquals(List.of(), errors, "not even the $/ping notification is an error: it is ignored");
    }

    @Test
    void mainAnswersTheNodePeersPingInOrderBehindTheRequestBeforeIt() throws Exception {
        NodeService node = new NodeServiceSender(peer.handle());
        CompletableFuture<List<String>> order = node.pingBehindHold("first");
        assertTrue(holding.await(WAIT, TimeUnit.SECONDS), "main's handler runs");
        // Give a ping answered out of turn (say, by the reader thread) the time to arrive first.
        Thread.sleep(200);
        letGo.countDown();
        assertEquals(List.of("hold: held first", "ping: {}"), order.get(WAIT, TimeUnit.SECONDS));
    }
}
