package com.example.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.IpcMain;
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

/** The child-process examples of docs/getting-started.md, run as written. */
class ChildProcessTest {

    @Test
    void mainTalksToAPanelProcessAndClosingMainEndsIt() throws Exception {
        Process process = null;
        CountDownLatch joined = new CountDownLatch(1);
        try {
            try (IpcMain main = IpcMain.create()) {
                ChatRoomDispatcher.register(main, new JoinWatcher(new ChatRoomService(), joined));
                var panel = ChatMain.launchPanel(main);
                process = panel.process();
                ChatPanel chatPanel = new ChatPanelSender(panel.handle()).withDeadline(Duration.ofSeconds(30));
                assertEquals("showing the room", chatPanel.status());
                // Close only once the panel's own call is answered: a renderer whose blocking call is cut off by
                // main closing gets IpcDisconnectedException, which would end its main() with an exception instead.
                assertTrue(joined.await(30, TimeUnit.SECONDS), "the panel joined");
            }
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the panel process ends when main closes");
            assertEquals(0, process.exitValue());
        } finally {
            if (process != null) {
                process.destroyForcibly();   // a panel that failed to end must not outlive the test run
            }
        }
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
