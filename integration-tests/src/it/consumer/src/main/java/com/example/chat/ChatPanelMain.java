package com.example.chat;

import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import io.typedipc.runtime.transport.StdioTransport;
import java.util.concurrent.TimeUnit;

/**
 * A renderer process, as docs/getting-started.md shows it: main launches it and talks to it over its stdin and stdout.
 * It ends when main closes the connection or main's process ends, because then its stdin ends.
 */
public final class ChatPanelMain {
    private ChatPanelMain() {}

    /**
     * Serves the panel's channel, joins main's chat room, and waits for main to go away.
     *
     * @param args none
     * @throws InterruptedException if interrupted while waiting
     */
    public static void main(String[] args) throws InterruptedException {
        // Register this renderer's channels before the first message from main is read.
        IpcRenderer renderer = StdioTransport.connectRenderer("chat-panel", IpcSettings.defaults(),
                r -> ChatPanelDispatcher.register(r, () -> "showing the room"));
        ChatRoom room = new ChatRoomSender(renderer);
        System.err.println("chat-panel joined as member #" + room.join("chat-panel"));
        // Not Thread.currentThread().join(): this returns when main closes the link or its process ends.
        renderer.awaitDisconnect(Long.MAX_VALUE, TimeUnit.DAYS);
        renderer.close();
        // The runtime's threads are daemon threads: the process ends here unless the application started others.
    }
}
