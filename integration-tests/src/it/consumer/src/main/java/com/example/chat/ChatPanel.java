package com.example.chat;

import io.typedipc.Channel;

/** A renderer's own channel, which main calls. */
@Channel("chat-panel")
public interface ChatPanel {

    /** Blocking: what the panel is showing. */
    String status();
}
