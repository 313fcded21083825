package io.typedipc.sample;

import io.typedipc.Channel;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The package builder that Cocos Creator runs in main: it asks the asset database for what to bundle. */
@Channel("builder")
public interface Builder {

    /** Id {@code builder:build}: the scripts bundled for {@code platform}. */
    CompletableFuture<List<String>> build(String platform);
}
