package com.example.chat;

import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.RendererHandle;
import io.typedipc.runtime.transport.ChildProcessTransport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** A main process, as docs/getting-started.md shows it: serves the chat room and launches a panel process. */
public final class ChatMain {
    private ChatMain() {}

    /**
     * Launches {@link ChatPanelMain} as a child process, prints its pid, and serves until this process is ended.
     *
     * @param args none
     * @throws IOException if the child cannot be started
     * @throws InterruptedException if interrupted while serving
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        IpcMain main = IpcMain.create();
        ChatRoomDispatcher.register(main, new ChatRoomService());
        ChildProcessTransport.ChildRenderer panel = launchPanel(main);
        String status = new ChatPanelSender(panel.handle()).withDeadline(Duration.ofSeconds(30)).status();
        System.out.println("panel pid " + panel.process().pid() + ": " + status);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /**
     * Starts {@link ChatPanelMain} in a new JVM of the same Java installation with this JVM's class path.
     *
     * @param main the main context the panel attaches to
     * @return the child process and the renderer handle that talks to it
     * @throws IOException if the child cannot be started
     */
    static ChildProcessTransport.ChildRenderer launchPanel(IpcMain main) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder command = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ChatPanelMain.class.getName());
        ChildProcessTransport.ChildRenderer panel = ChildProcessTransport.launch(main, command, "chat-panel");
        RendererHandle handle = panel.handle();
        System.err.println("launched " + handle.name() + " #" + handle.id() + ", pid " + panel.process().pid());
        return panel;
    }
}
