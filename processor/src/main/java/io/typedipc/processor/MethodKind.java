package io.typedipc.processor;

/** How a channel method travels, decided by its return type. Names match the runtime's MethodDescriptor.Kind. */
enum MethodKind {
    /** {@code void}: a one-way message. */
    ONE_WAY,
    /** A plain return type: a request whose caller blocks. */
    BLOCKING,
    /** {@code CompletableFuture<T>} or {@code CompletionStage<T>}: a request completed later. */
    ASYNC
}
