package com.example.chat.api;

import io.typedipc.Channel;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** 1.1: a channel added, a deadline changed, a parameter renamed, a nullable field added to Message. */
@Channel("chat")
public interface ChatApi {

    Message post(String room, String text) throws RoomClosedException;

    CompletableFuture<List<Message>> history(String room, int limit);

    void typing(String room, String member);

    @Channel(value = "count", deadlineMillis = 5000)
    int members(String room);

    List<String> rooms();
}
