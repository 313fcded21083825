package com.example.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.IpcSettings;
import java.awt.GraphicsEnvironment;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docs/runtime.md's Swing example, run as written: handlers on the event dispatch thread, no window needed. */
class SwingExecutorTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");   // no display needed: the event queue runs without one
    }

    @Test
    void handlersRunOnTheEventDispatchThread() throws Exception {
        assertTrue(GraphicsEnvironment.isHeadless());
        AtomicBoolean everyCallOnTheEdt = new AtomicBoolean(true);
        IpcSettings onSwing = IpcSettings.builder().executor(SwingUtilities::invokeLater).build();
        try (IpcMain main = IpcMain.create(onSwing)) {
            ChatRoomService rooms = new ChatRoomService();
            ChatRoomDispatcher.register(main, new ChatRoom() {
                @Override
                public int join(String member) {
                    everyCallOnTheEdt.compareAndSet(true, SwingUtilities.isEventDispatchThread());
                    return rooms.join(member);
                }

                @Override
                public void post(Message message) {
                    everyCallOnTheEdt.compareAndSet(true, SwingUtilities.isEventDispatchThread());
                    rooms.post(message);
                }

                @Override
                public CompletableFuture<List<Message>> history() {
                    everyCallOnTheEdt.compareAndSet(true, SwingUtilities.isEventDispatchThread());
                    return rooms.history();
                }
            });
            try (IpcRenderer alice = IpcRenderer.connectInProcess(main, "alice")) {
                ChatRoom room = new ChatRoomSender(alice);
                assertEquals(1, room.join("alice"));
                room.post(new ChatRoom.Message("alice", "from the EDT"));
                assertEquals(List.of(new ChatRoom.Message("alice", "from the EDT")),
                        room.history().get(30, TimeUnit.SECONDS));
            }
        }
        assertTrue(everyCallOnTheEdt.get(), "every handler ran on Swing's event dispatch thread");
    }
}
