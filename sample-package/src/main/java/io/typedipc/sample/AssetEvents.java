package io.typedipc.sample;

import io.typedipc.Channel;

/**
 * What main broadcasts to every panel when the asset folder changes. Every method is one-way, so its generated sender
 * accepts a broadcast target ({@code main.broadcast()}).
 */
@Channel("asset-db")
public interface AssetEvents {

    /** Id {@code asset-db:asset-changed}. */
    void assetChanged(AssetChange change);
}
