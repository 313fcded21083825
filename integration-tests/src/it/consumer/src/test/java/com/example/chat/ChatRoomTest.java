package com.example.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcRenderer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChatRoomTest {

    @Test
    void generatedSenderAndDispatcherExchangeEveryShape() throws Exception {
        try (IpcMain main = IpcMain.create()) {
            ChatRoomDispatcher.register(main, new ChatRoomService());
            try (IpcRenderer alice = IpcRenderer.connectInProcess(main, "alice");
                    IpcRenderer bob = IpcRenderer.connectInProcess(main, "bob")) {
                ChatRoom aliceRoom = new ChatRoomSender(alice);
                ChatRoom bobRoom = new ChatRoomSender(bob);

                assertEquals(1, aliceRoom.join("alice"));
                assertEquals(2, bobRoom.join("bob"));
                aliceRoom.post(new ChatRoom.Message("alice", "hi bob"));
                bobRoom.post(new ChatRoom.Message("bob", "hi alice, ünïcødé ✓"));
                // Each sender's messages arrive in order; ask alice's and bob's history after their posts.
                aliceRoom.history().get(10, TimeUnit.SECONDS);
                List<ChatRoom.Message> history = bobRoom.history().get(10, TimeUnit.SECONDS);

                assertEquals(List.of(new ChatRoom.Message("alice", "hi bob"),
                        new ChatRoom.Message("bob", "hi alice, ünïcødé ✓")), history);
            }
        }
    }
}
