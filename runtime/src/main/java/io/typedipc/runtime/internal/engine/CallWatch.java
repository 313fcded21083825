package io.typedipc.runtime.internal.engine;

/** Follows one call from the moment it was intercepted to its end; see {@link CallObserver}. */
public interface CallWatch {

    /** A frame of {@code bytes} went out for the call. */
    void sent(int bytes);

    /** A frame of {@code bytes} came in for the call (any thread, the reader's included: no user code runs here). */
    void received(int bytes);

    /**
     * The caller has the outcome: {@code failure} is what it got, {@code null} for a result. Runs user code
     * (interceptors), so it is called where the caller learns the outcome, never on a reader thread. Only the first
     * call counts.
     */
    void end(Throwable failure);
}
