package io.typedipc.runtime;

import io.typedipc.runtime.codegen.MethodDescriptor;
import java.util.Objects;

/**
 * One typed channel method bound to the code that serves it. Generated dispatchers hand a list of bindings to
 * {@link IpcContext#register(java.util.List)}, which registers all of them or none.
 */
public final class Binding {
    private final MethodDescriptor<?> method;
    private final IpcHandler handler;
    private final IpcListener listener;

    private Binding(MethodDescriptor<?> method, IpcHandler handler, IpcListener listener) {
        this.method = Objects.requireNonNull(method, "method");
        this.handler = handler;
        this.listener = listener;
    }

    /** Serves a blocking or asynchronous request method. */
    public static Binding handler(MethodDescriptor<?> method, IpcHandler handler) {
        if (method.kind() == MethodDescriptor.Kind.ONE_WAY) {
            throw new IllegalArgumentException("a one-way method takes a listener, not a handler: " + method);
        }
        return new Binding(method, Objects.requireNonNull(handler, "handler"), null);
    }

    /** Receives a one-way method's messages. */
    public static Binding listener(MethodDescriptor<?> method, IpcListener listener) {
        if (method.kind() != MethodDescriptor.Kind.ONE_WAY) {
            throw new IllegalArgumentException("a request method takes a handler, not a listener: " + method);
        }
        return new Binding(method, null, Objects.requireNonNull(listener, "listener"));
    }

    public MethodDescriptor<?> method() {
        return method;
    }

    /** The handler, or {@code null} for a listener binding. */
    public IpcHandler handler() {
        return handler;
    }

    /** The listener, or {@code null} for a handler binding. */
    public IpcListener listener() {
        return listener;
    }
}
