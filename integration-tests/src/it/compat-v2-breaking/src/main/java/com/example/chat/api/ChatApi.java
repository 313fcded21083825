package com.example.chat.api;

import io.typedipc.Channel;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** 2.0: "chat:typing" removed, a parameter added to "chat:post". */
@Channel("chat")
public interface ChatApi {

    Message post(String room, String text, String replyTo) throws RoomClosedException;

    CompletableFuture<List<Message>> history(String room, int limit);

    @Channel(value = "count", deadlineMillis = 2000)
    int members(String room);
}
