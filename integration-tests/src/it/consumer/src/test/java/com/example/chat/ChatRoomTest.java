package com.example.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.typedipc.runtime.IpcError;
import io.typedipc.runtime.IpcRenderer;
import io.typedipc.runtime.RemoteException;
import io.typedipc.testing.IpcTest;
import io.typedipc.testing.IpcTestContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The chat room in one JVM, written with typed-ipc-testing (docs/testing.md), as a user of the kit writes it. */
@IpcTest
class ChatRoomTest {

    @Test
    void generatedSenderAndDispatcherExchangeEveryShape(IpcTestContext ipc) throws Exception {
        ChatRoomDispatcher.register(ipc.main(), new ChatRoomService());
        ChatRoom aliceRoom = new ChatRoomSender(ipc.renderer("alice"));
        ChatRoom bobRoom = new ChatRoomSender(ipc.renderer("bob"));

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

    @Test
    void aRoomThatBreaksIsReportedToTheCallerAndToTheTest(IpcTestContext ipc) {
        ChatRoomDispatcher.register(ipc.main(), new ChatRoom() {
            @Override
            public int join(String member) {
                throw new IllegalStateException("the room is closed");
            }

            @Override
            public void post(Message message) {
            }

            @Override
            public CompletableFuture<List<Message>> history() {
                return CompletableFuture.completedFuture(List.of());
            }
        });
        IpcRenderer alice = ipc.renderer("alice");
        RemoteException refused = assertThrows(RemoteException.class, () -> new ChatRoomSender(alice).join("alice"));
        assertEquals(IllegalStateException.class.getName(), refused.remoteType());
        assertTrue(refused.getMessage().contains("the room is closed"), refused.getMessage());
        // The failure is also an IpcError in main: taking it says the test expected it (else the kit fails the test).
        List<IpcError> errors = ipc.takeErrors();
        assertEquals(1, errors.size());
        assertEquals(IpcError.Kind.HANDLER_FAILED, errors.get(0).kind());
        assertEquals("chat:join", errors.get(0).channel());
    }
}
