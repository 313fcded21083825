package io.typedipc.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a loading {@link IpcPackage} registers with: the same verbs as {@link IpcContext} ({@code handle}, {@code on},
 * dispatchers), each remembered so that unloading the package undoes it. Channel names without a {@code ':'} are
 * short names and expand to {@code package-name:short-name}, as in Cocos Creator; full ids are taken as they are.
 */
public final class PackageScope {
    private final IpcContext context;
    private final String packageName;
    private final List<Registration> registrations = new ArrayList<>();

    PackageScope(IpcContext context, String packageName) {
        this.context = context;
        this.packageName = packageName;
    }

    /** The context the package is loaded in: to send, or to call other packages ({@code main.self()} in main). */
    public IpcContext context() {
        return context;
    }

    /** The package's name. */
    public String packageName() {
        return packageName;
    }

    /** The channel id a package channel name stands for: {@code "refresh"} → {@code "asset-db:refresh"}. */
    public String channel(String name) {
        Objects.requireNonNull(name, "name");
        return name.indexOf(':') >= 0 ? name : packageName + ":" + name;
    }

    /** {@link IpcContext#handle} on {@link #channel(String) channel(name)}, undone on unload. */
    public Registration handle(String name, IpcHandler handler) {
        return keep(context.handle(channel(name), handler));
    }

    /** {@link IpcContext#on} on {@link #channel(String) channel(name)}, undone on unload. */
    public Registration on(String name, IpcListener listener) {
        return keep(context.on(channel(name), listener));
    }

    /**
     * Runs {@code registrar} on the context and keeps the registration it returns, undone on unload: how a package
     * registers a generated dispatcher, {@code scope.register(c -> AssetDbDispatcher.register(c, service))}.
     */
    public Registration register(Function<? super IpcContext, ? extends Registration> registrar) {
        Objects.requireNonNull(registrar, "registrar");
        return keep(Objects.requireNonNull(registrar.apply(context), "the registrar returned no Registration"));
    }

    /** Undoes {@code registration} with the package's others (anything closeable: a subscription, a timer). */
    public Registration keep(Registration registration) {
        Objects.requireNonNull(registration, "registration");
        synchronized (registrations) {
            registrations.add(registration);
        }
        return registration;
    }

    /** Undoes every registration, newest first; the first failure is rethrown after all were tried. */
    void undoAll() {
        List<Registration> toUndo;
        synchronized (registrations) {
            toUndo = new ArrayList<>(registrations);
            registrations.clear();
        }
        RuntimeException first = null;
        for (int i = toUndo.size() - 1; i >= 0; i--) {
            try {
                toUndo.get(i).close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return "package " + packageName + " in " + context;
    }
}
