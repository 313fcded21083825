package io.typedipc.runtime.internal.engine;

import io.typedipc.runtime.codegen.MethodDescriptor;

/**
 * What the engine tells its context about the calls it sends (the context's outgoing interceptors and JFR events
 * listen). Implemented by the context.
 */
public interface CallObserver {

    /**
     * A call is about to be encoded and sent. Returns its watch, or {@code null} when nothing watches (then the call
     * costs nothing extra). May throw: the call is then not sent, and its caller gets the exception.
     *
     * @param peer the target as the call's peer describes itself
     */
    CallWatch outgoing(MethodDescriptor.Kind kind, String channel, Object[] args, String peer);
}
