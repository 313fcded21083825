package com.example.app;

import io.typedipc.Channel;

/** The application's own channels; "chat:typing" is already chat-api's. */
@Channel("chat")
public interface Presence {

    void typing(String room, String user);

    void away(String user);
}
