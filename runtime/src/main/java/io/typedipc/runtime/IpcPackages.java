package io.typedipc.runtime;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The packages loaded in one context ({@link IpcContext#packages()}): loads and unloads each {@link IpcPackage} as a
 * whole. After each load and unload the context tells everyone who listens — in main with
 * {@link IpcMain#broadcastToAll()}, in a renderer with {@link IpcRenderer#broadcastToAll()} — on the channels
 * {@link #LOADED} and {@link #UNLOADED}, with the package's name as the one argument; the event's sender says which
 * context it was ({@link IpcEvent#MAIN_ID} for main). A context that does not listen to them receives nothing it has to
 * handle.
 */
public final class IpcPackages {
    /** One-way: a package was loaded; the argument is its name. */
    public static final String LOADED = "typed-ipc:package-loaded";
    /** One-way: a package was unloaded; the argument is its name. */
    public static final String UNLOADED = "typed-ipc:package-unloaded";

    private static final System.Logger LOG = System.getLogger(IpcPackages.class.getName());

    private final IpcContext context;
    private final Map<String, Loaded> loaded = new LinkedHashMap<>();

    IpcPackages(IpcContext context) {
        this.context = context;
    }

    private record Loaded(IpcPackage pkg, PackageScope scope) {}

    /**
     * Loads {@code pkg}: runs its {@link IpcPackage#load}, then announces it on {@link #LOADED}. If {@code load}
     * throws, what it registered is undone and the failure is rethrown (a checked one wrapped in
     * {@link IllegalStateException}).
     *
     * @throws IllegalStateException if a package of that name is already loaded here, or its load failed
     * @throws IllegalArgumentException if the name is not a valid package name
     */
    public void load(IpcPackage pkg) {
        Objects.requireNonNull(pkg, "pkg");
        String name = checkName(pkg.name());
        PackageScope scope = new PackageScope(context, name);
        synchronized (this) {
            if (loaded.containsKey(name)) {
                throw new IllegalStateException("a package named '" + name + "' is already loaded in " + context);
            }
            try {
                pkg.load(scope);
            } catch (Exception | Error e) {
                try {
                    scope.undoAll();
                } catch (RuntimeException undo) {
                    e.addSuppressed(undo);
                }
                if (e instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException("package '" + name + "' failed to load: " + e, e);
            }
            loaded.put(name, new Loaded(pkg, scope));
        }
        LOG.log(Level.DEBUG, () -> "loaded package " + name + " in " + context);
        announce(LOADED, name);
    }

    /**
     * Unloads the package named {@code name}: runs its {@link IpcPackage#unload} (a failure is logged), undoes every
     * registration it made, then announces it on {@link #UNLOADED}. Its channels answer
     * {@link NoSuchChannelException} from then on.
     *
     * @return whether such a package was loaded
     */
    public boolean unload(String name) {
        Objects.requireNonNull(name, "name");
        Loaded gone;
        synchronized (this) {
            gone = loaded.remove(name);
            if (gone == null) {
                return false;
            }
            try {
                gone.pkg().unload(gone.scope());
            } catch (Exception | Error e) {
                LOG.log(Level.WARNING, "the unload hook of package " + name + " failed; its channels are removed anyway", e);
                context.reportError(IpcError.Kind.CALLBACK_FAILED, null, null,
                        () -> "the unload hook of package " + name + " failed: " + e, e);
            }
            gone.scope().undoAll();
        }
        LOG.log(Level.DEBUG, () -> "unloaded package " + name + " from " + context);
        announce(UNLOADED, name);
        return true;
    }

    /**
     * Unloads the package named {@code name} and loads the same package object again (Cocos Creator's package
     * reload).
     *
     * @throws IllegalStateException if no such package is loaded, or loading it again failed (it is then unloaded)
     */
    public void reload(String name) {
        IpcPackage pkg;
        synchronized (this) {
            Loaded current = loaded.get(name);
            if (current == null) {
                throw new IllegalStateException("no package named '" + name + "' is loaded in " + context);
            }
            pkg = current.pkg();
            unload(name);
            load(pkg);
        }
    }

    /** Unloads every package, the most recently loaded first. */
    public void unloadAll() {
        List<String> names;
        synchronized (this) {
            names = new ArrayList<>(loaded.keySet());
        }
        for (int i = names.size() - 1; i >= 0; i--) {
            unload(names.get(i));
        }
    }

    /** The names of the loaded packages, in load order. */
    public synchronized List<String> names() {
        return List.copyOf(loaded.keySet());
    }

    /** The loaded package of that name. */
    public synchronized Optional<IpcPackage> get(String name) {
        Loaded current = loaded.get(name);
        return current == null ? Optional.empty() : Optional.of(current.pkg());
    }

    public synchronized boolean isLoaded(String name) {
        return loaded.containsKey(name);
    }

    private void announce(String channel, String name) {
        if (context.isClosing()) {
            return; // nobody is told any more: closing refuses new messages
        }
        OneWayPeer everyone = context instanceof IpcMain main ? main.broadcastToAll() : ((IpcRenderer) context).broadcastToAll();
        try {
            everyone.send(channel, name);
        } catch (IpcException e) {
            LOG.log(Level.DEBUG, () -> "could not announce " + channel + " " + name + ": " + e.getMessage());
        }
    }

    private static String checkName(String name) {
        Objects.requireNonNull(name, "the package's name()");
        if (name.isEmpty() || name.indexOf(':') >= 0 || name.startsWith("$/")) {
            throw new IllegalArgumentException("a package name must not be empty, contain ':' or start with \"$/\": '"
                    + name + "'");
        }
        return name;
    }

    @Override
    public String toString() {
        return "packages of " + context + " " + names();
    }
}
