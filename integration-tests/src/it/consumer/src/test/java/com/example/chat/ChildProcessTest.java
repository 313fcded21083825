package com.example.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.transport.ChildProcessTransport.ChildRenderer;
import io.typedipc.testing.IpcTest;
import io.typedipc.testing.IpcTestContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The child-process examples of docs/getting-started.md, run as written: the panel launched by typed-ipc-testing's
 * kit (which checks that it ends when main closes), and main's own process killed with SIGKILL.
 */
@IpcTest
class ChildProcessTest {

    @Test
    void mainTalksToAPanelProcessAndClosingMainEndsIt(IpcTestContext ipc) throws Exception {
        CountDownLatch joined = new CountDownLatch(1);
        ChatRoomDispatcher.register(ipc.main(), new JoinWatcher(new ChatRoomService(), joined));
        ChildRenderer panel = ipc.child(ChatPanelMain.class, "chat-panel");
        ChatPanel chatPanel = new ChatPanelSender(panel.handle()).withDeadline(Duration.ofSeconds(30));
        assertEquals("showing the room", chatPanel.status());
        // End the test only once the panel's own call is answered: a renderer whose blocking call is cut off by main
        // closing gets IpcDisconnectedException, which would end its main() with an exception instead.
        assertTrue(joined.await(30, TimeUnit.SECONDS), "the panel joined");
        // After the test the kit closes main and fails the test unless the panel process then ends with exit code 0.
    }

    @Test
    void theKitsCommandIsTheOneGettingStartedShows() {
        ProcessBuilder command = IpcTestContext.javaCommand(ChatPanelMain.class);
        assertEquals(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ChatPanelMain.class.getName()), command.command());
    }

    @Test
    void aPanelProcessEndsWhenMainsProcessIsKilled() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process mainProcess = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ChatMain.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ProcessHandle panel = null;
        try {
            BufferedReader out = new BufferedReader(
                    new InputStreamReader(mainProcess.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(60, TimeUnit.SECONDS);
            assertNotNull(line, "main printed the panel's pid");
            Matcher pid = Pattern.compile("panel pid (\\d+): showing the room").matcher(line);
            assertTrue(pid.matches(), line);
            panel = ProcessHandle.of(Long.parseLong(pid.group(1))).orElseThrow();

            mainProcess.destroyForcibly();   // SIGKILL: main gets no chance to close anything

            panel.onExit().get(30, TimeUnit.SECONDS);
            assertFalse(panel.isAlive(), "the panel did not outlive main");
        } finally {
            mainProcess.destroyForcibly();
            if (panel != null) {
                panel.destroyForcibly();
            }
        }
    }

    /** Main's chat room, telling the test when someone has joined. */
    private record JoinWatcher(ChatRoom room, CountDownLatch joined) implements ChatRoom {
        @Override
        public int join(String member) {
            int members = room.join(member);
            joined.countDown();
            return members;
        }

        @Override
        public void post(Message message) {
            room.post(message);
        }

        @Override
        public CompletableFuture<List<Message>> history() {
            return room.history();
        }
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
