package io.typedipc.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.IpcDisconnectedException;
import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.RendererHandle;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A renderer in a real child JVM ({@link StdioRendererMain}) over its stdin and stdout. */
class ChildProcessTransportTest {
    /** Generous: a JVM starts slowly on a busy two-core machine. */
    private static final long WAIT = 60;

    private IpcMain main;
    private final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
    private ChildProcessTransport.ChildRenderer child;

    static ProcessBuilder childJvm(String mainClass, String... args) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    @BeforeEach
    void launch() throws Exception {
        main = IpcMain.create();
        main.handle("main:add", (event, a) -> ((Number) a[0]).intValue() + ((Number) a[1]).intValue());
        main.on("main:ready", (event, a) -> events.add("ready " + a[0] + " as " + event.senderName()));
        main.on("main:hanging", (event, a) -> events.add("hanging " + a[0]));
        child = ChildProcessTransport.launch(main, childJvm(StdioRendererMain.class.getName(), "kid"), "kid");
        assertEquals("ready kid as kid", events.poll(WAIT, TimeUnit.SECONDS));
    }

    @AfterEach
    void stop() throws Exception {
        main.close();
        if (!child.process().waitFor(WAIT, TimeUnit.SECONDS)) {
            child.process().destroyForcibly();
        }
    }

    @Test
    void callsGoBothWaysAndMainClosingEndsTheChildCleanly() throws Exception {
        RendererHandle kid = child.handle();
        assertEquals("child echoes hello", kid.invoke("child:echo", "hello").get(WAIT, TimeUnit.SECONDS));
        assertEquals("main says 5", kid.invoke("child:ask-main", 2, 3).get(WAIT, TimeUnit.SECONDS));
        assertEquals("child echoes sync", kid.sendSync("child:echo", "sync"));
        main.close();
        assertTrue(child.process().waitFor(WAIT, TimeUnit.SECONDS), "the child ends when main closes");
        assertEquals(0, child.process().exitValue(), "the child's renderer saw the end of the stream");
    }

    @Test
    void strayPrintsInTheChildDoNotBreakTheProtocol() throws Exception {
        RendererHandle kid = child.handle();
        assertEquals("printed", kid.invoke("child:print").get(WAIT, TimeUnit.SECONDS));
        assertEquals("child echoes after", kid.invoke("child:echo", "after").get(WAIT, TimeUnit.SECONDS));
        assertTrue(kid.isConnected());
    }

    @Test
    void killingTheChildFailsItsPendingCallAtOnce() throws Exception {
        RendererHandle kid = child.handle();
        main.onRendererDisconnected(handle -> events.add("disconnected " + handle.name()));
        CompletableFuture<Object> pending = kid.invoke("child:hang", "work");
        assertEquals("hanging work", events.poll(WAIT, TimeUnit.SECONDS));
        long killedAt = System.nanoTime();
        child.process().destroyForcibly();
        ExecutionException e = assertThrows(ExecutionException.class, () -> pending.get(WAIT, TimeUnit.SECONDS));
        assertInstanceOf(IpcDisconnectedException.class, e.getCause());
        // Long before the call's 30 s deadline: the end of the child's stdout closed the link.
        assertTrue(System.nanoTime() - killedAt < TimeUnit.SECONDS.toNanos(20));
        assertFalse(kid.isConnected());
        assertEquals("disconnected kid", events.poll(WAIT, TimeUnit.SECONDS), "the disconnected event fires");
        assertTrue(main.renderers().isEmpty(), "main forgets the dead renderer");
        assertInstanceOf(IpcDisconnectedException.class, failureOf(() -> kid.invoke("child:echo", "late")));
    }

    /** What a call fails with, whether it throws at once or returns a failed future. */
    static Throwable failureOf(java.util.function.Supplier<CompletableFuture<?>> call) throws Exception {
        try {
            call.get().get(WAIT, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("the call succeeded");
    }

    @Test
    void theChildExitingOnItsOwnFailsPendingCalls() throws Exception {
        RendererHandle kid = child.handle();
        main.onRendererDisconnected(handle -> events.add("disconnected " + handle.name()));
        CompletableFuture<Object> pending = kid.invoke("child:hang", "exit");
        assertEquals("hanging exit", events.poll(WAIT, TimeUnit.SECONDS));
        kid.send("child:exit", 7);
        ExecutionException e = assertThrows(ExecutionException.class, () -> pending.get(WAIT, TimeUnit.SECONDS));
        assertInstanceOf(IpcDisconnectedException.class, e.getCause());
        assertEquals("disconnected kid", events.poll(WAIT, TimeUnit.SECONDS), "the disconnected event fires");
        assertTrue(child.process().waitFor(WAIT, TimeUnit.SECONDS));
        assertEquals(7, child.process().exitValue());
    }
}
