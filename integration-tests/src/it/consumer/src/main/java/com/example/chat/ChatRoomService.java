package com.example.chat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Main's implementation; it runs on main's dispatch thread, one message at a time, so it needs no locks. */
public final class ChatRoomService implements ChatRoom {
    private final Set<String> members = new LinkedHashSet<>();
    private final List<Message> messages = new ArrayList<>();

    @Override
    public int join(String member) {
        members.add(member);
        return members.size();
    }

    @Override
    public void post(Message message) {
        messages.add(message);
    }

    @Override
    public CompletableFuture<List<Message>> history() {
        return CompletableFuture.completedFuture(List.copyOf(messages));
    }
}
