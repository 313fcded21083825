package io.typedipc.sample;

import io.typedipc.Channel;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The asset database that Cocos Creator runs in its main process, as a typed channel package. Every method's id
 * starts with {@code asset-db:}; the shape of each method decides how it travels.
 */
@Channel("asset-db")
public interface AssetDb {

    /** A blocking request: the caller waits for the reply (Electron's {@code sendSync}). */
    @Channel("query-info")
    AssetInfo queryInfo(String url) throws AssetNotFoundException;

    /** An asynchronous request, id {@code asset-db:query-assets} (Electron's {@code invoke}). */
    CompletableFuture<List<AssetInfo>> queryAssets(String glob);

    /** Creates a text asset; a url that is taken fails with the declared error, which arrives as the same type. */
    AssetInfo create(String url, String content) throws AssetExistsException;

    /** Moves an asset to a new url. */
    AssetInfo rename(String url, String newUrl) throws AssetNotFoundException, AssetExistsException;

    /** Deletes an asset; returns what it was. */
    AssetInfo delete(String url) throws AssetNotFoundException;

    /** A one-way message (Electron's {@code send}): re-scan the folder. */
    void refresh(String url);
}
