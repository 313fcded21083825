package io.typedipc.sample;

import io.typedipc.runtime.IpcMain;
import io.typedipc.runtime.IpcPackage;
import io.typedipc.runtime.PackageScope;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A second package in main that talks to the asset database package over IPC, through {@code main.self()}, exactly
 * as a panel would: the two packages share no Java object, only channels.
 */
public final class BuilderPackage implements IpcPackage, Builder {
    static final String SCRIPTS = "db://assets/**/*.js";

    private final IpcMain main;
    private final Transcript transcript;
    private AssetDb assetDb;

    public BuilderPackage(IpcMain main, Transcript transcript) {
        this.main = main;
        this.transcript = transcript;
    }

    @Override
    public String name() {
        return "builder";
    }

    @Override
    public void load(PackageScope scope) {
        assetDb = new AssetDbSender(main.self());
        scope.register(context -> BuilderDispatcher.register(context, this));
        transcript.note("main", "package builder loaded");
    }

    @Override
    public CompletableFuture<List<String>> build(String platform) {
        transcript.sent("builder", "asset-db", "asset-db:query-assets(\"" + SCRIPTS + "\")  [package to package, main.self()]");
        return assetDb.queryAssets(SCRIPTS).thenApply(found -> {
            List<String> scripts = found.stream().map(AssetInfo::url).toList();
            transcript.replied("asset-db", "builder", scripts.size() + " script(s): " + scripts);
            return scripts;
        });
    }
}
