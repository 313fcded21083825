package io.typedipc.runtime;

/**
 * A unit of channels that is loaded and unloaded as a whole (a Cocos Creator package: its {@code messages} are
 * registered on {@code load} and unregistered on {@code unload}). {@link #load} registers the package's handlers,
 * listeners and dispatchers through the {@link PackageScope} it is given; {@link IpcPackages#unload} undoes every one
 * of them, so the package's channels then answer {@link NoSuchChannelException} ({@code ENOMSG}, -32601), and a later
 * {@link IpcPackages#load} (or {@link IpcPackages#reload}) registers them again.
 *
 * <pre>{@code
 * final class AssetDbPackage implements IpcPackage {
 *     public String name() { return "asset-db"; }
 *     public void load(PackageScope scope) {
 *         scope.register(context -> AssetDbDispatcher.register(context, new AssetDbService()));
 *         scope.on("refresh", (event, args) -> refresh());     // short name: channel "asset-db:refresh"
 *     }
 * }
 * main.packages().load(new AssetDbPackage());
 * }</pre>
 */
public interface IpcPackage {

    /**
     * The package's name: unique among the packages loaded in one context, and the package part that short channel
     * names expand with ({@code "refresh"} becomes {@code "asset-db:refresh"}). Not empty, without {@code ':'}, and not
     * starting with {@code "$/"}.
     */
    String name();

    /**
     * Registers the package's channels through {@code scope} and starts what it needs. If it throws, whatever it
     * registered is undone and the package is not loaded.
     */
    void load(PackageScope scope) throws Exception;

    /**
     * Stops what {@link #load} started; runs before the package's registrations are undone, so it may still send.
     * A failure here is logged and the registrations are undone anyway.
     */
    default void unload(PackageScope scope) throws Exception {
        // nothing to stop
    }
}
