package io.typedipc.runtime;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A context's {@link IpcContext#onError} listeners, and how an error reaches them. */
final class ErrorListeners {
    private static final System.Logger LOG = System.getLogger(ErrorListeners.class.getName());

    private final List<Consumer<? super IpcError>> listeners = new CopyOnWriteArrayList<>();

    Registration add(Consumer<? super IpcError> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Hands {@code error} to every listener, on this thread (the error was logged already). A listener that throws
     * is logged and does not keep the others from hearing of it.
     */
    void report(IpcError error) {
        for (Consumer<? super IpcError> listener : listeners) {
            try {
                listener.accept(error);
            } catch (RuntimeException | Error e) {
                LOG.log(Level.WARNING, "an error listener failed on " + error.kind(), e);
            }
        }
    }

    /** Whether anyone listens: the report need not be built otherwise. */
    boolean any() {
        return !listeners.isEmpty();
    }
}
