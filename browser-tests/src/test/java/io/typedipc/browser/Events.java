package io.typedipc.browser;

import io.typedipc.Channel;

/** Main's broadcasts. */
@Channel("events")
public interface Events {
    void tick(String text);
}
