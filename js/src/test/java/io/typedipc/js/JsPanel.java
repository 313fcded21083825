package io.typedipc.js;

import io.typedipc.Channel;
import java.util.concurrent.CompletableFuture;

/** Channels a JavaScript renderer serves and main (or another renderer) calls. */
@Channel("js-panel")
public interface JsPanel {
    CompletableFuture<String> greet(String who);

    CompletableFuture<String> refuse(String why) throws RejectedException;
}
