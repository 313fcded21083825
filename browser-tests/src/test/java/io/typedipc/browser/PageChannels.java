package io.typedipc.browser;

import io.typedipc.Channel;
import java.util.concurrent.CompletableFuture;

/** What the page serves: main calls it. */
@Channel("page")
public interface PageChannels {
    CompletableFuture<String> greet(String who);
}
