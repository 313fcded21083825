package io.typedipc.js;

import io.typedipc.Channel;

/** What main broadcasts to every renderer. */
@Channel("events")
public interface Events {
    void tick(String text);
}
