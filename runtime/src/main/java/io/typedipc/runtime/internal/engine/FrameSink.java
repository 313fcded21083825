package io.typedipc.runtime.internal.engine;

/**
 * Where {@link TracedLink} hands each traced frame (the context's message trace). Called on the thread that sends or
 * receives the frame — a link's reader thread included — so it must be quick and must not block.
 */
@FunctionalInterface
public interface FrameSink {
    void frame(FrameFacts facts);
}
