package io.typedipc.sample;

import io.typedipc.runtime.IpcPackage;
import io.typedipc.runtime.PackageScope;

/**
 * The asset database as a Cocos-Creator-style package in main: loading it registers the {@code asset-db:} channels,
 * unloading it removes them all (they then answer ENOMSG).
 */
public final class AssetDbPackage implements IpcPackage {
    private final AssetDbService service;
    private final Transcript transcript;

    public AssetDbPackage(AssetDbService service, Transcript transcript) {
        this.service = service;
        this.transcript = transcript;
    }

    @Override
    public String name() {
        return "asset-db";
    }

    @Override
    public void load(PackageScope scope) {
        scope.register(context -> AssetDbDispatcher.register(context, service));
        transcript.note("main", "package asset-db loaded");
    }

    @Override
    public void unload(PackageScope scope) {
        transcript.note("main", "package asset-db unloading");
    }
}
