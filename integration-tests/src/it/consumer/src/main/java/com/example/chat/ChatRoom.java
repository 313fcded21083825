package com.example.chat;

import io.typedipc.Channel;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A consumer's own channels: one of each shape. */
@Channel("chat")
public interface ChatRoom {

    /** Blocking: the member count after joining. */
    int join(String member);

    /** One-way. */
    void post(Message message);

    /** Asynchronous: the messages so far. */
    CompletableFuture<List<Message>> history();

    /** A message in the room. */
    record Message(String from, String text) {}
}
