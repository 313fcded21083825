package com.example.chat.api;

import io.typedipc.Channel;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The channels a chat server serves, as released in 1.0. */
@Channel("chat")
public interface ChatApi {

    Message post(String room, String text) throws RoomClosedException;

    CompletableFuture<List<Message>> history(String room, int limit);

    void typing(String room, String user);

    @Channel(value = "count", deadlineMillis = 2000)
    int members(String room);
}
