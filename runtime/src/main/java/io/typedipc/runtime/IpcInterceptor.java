package io.typedipc.runtime;

/**
 * Sees every call a context makes or serves, before it goes out or before its handler runs, and again when it is
 * over (gRPC's {@code ClientInterceptor} / {@code ServerInterceptor}): for authorisation, metrics, auditing.
 * Register one for the calls a context makes ({@link IpcSettings.Builder#interceptOutgoing},
 * {@link IpcContext#interceptOutgoing}) or for those it serves ({@link IpcSettings.Builder#interceptIncoming},
 * {@link IpcContext#interceptIncoming}).
 *
 * <p><b>Order.</b> A context's interceptors of one direction run in order: those of its settings in the order given,
 * then those registered on the context in the order registered. {@link #intercept} runs first to last,
 * {@link #completed} last to first, and only for the interceptors whose {@code intercept} returned normally (the
 * outermost interceptor sees everything the inner ones did).
 *
 * <p><b>Refusing.</b> {@code intercept} refuses the call by throwing {@link IpcRefusedException}; the interceptors
 * after it do not run. A refused outgoing call is not sent, and its caller gets that exception (a blocking call
 * throws it, an asynchronous call's future fails with it, a one-way send throws it). A refused incoming request is
 * answered with {@link ErrorCodes#REFUSED} ({@code -32006}) and the exception's message, so the caller gets an
 * {@link IpcRefusedException} too; a refused incoming one-way message is dropped. Any other exception thrown by
 * {@code intercept} refuses the call the same way (an interceptor that fails closes the door rather than opening
 * it) and is logged at WARNING; the caller's {@link IpcRefusedException} has it as its cause, and a serving side
 * sends the peer only {@code "<channel>: refused"}, never the exception. An exception thrown by {@code completed}
 * is logged at WARNING and changes nothing.
 *
 * <p><b>Threads.</b> For outgoing calls {@code intercept} runs on the calling thread; {@code completed} runs where
 * the caller learns the outcome: the calling thread for blocking calls and one-way messages, the context's
 * dispatch thread (or executor) for asynchronous ones. For incoming calls both run on the context's dispatch thread
 * (or executor), {@code intercept} with {@link IpcEvent#current()} set to the message's event, right before the
 * handler. So they run where handlers and {@code invoke} callbacks run — never on a transport's reader thread, unless
 * the context is in direct mode ({@link IpcSettings.Builder#directExecutor()}), where they must not block either.
 * Interceptors must be thread-safe: outgoing calls are made from any thread, and a pool serves peers in parallel.
 *
 * <p><b>What is a call.</b> Requests and one-way messages on channels: typed and untyped, sent to main, to a renderer,
 * through main to another renderer, broadcast (one call per broadcast), and served by a handler or by listeners.
 * Protocol messages ({@code $/cancelRequest}, {@code $/ping}, main's relaying of routed messages) are not calls. An
 * incoming message is intercepted once its handler or listeners and its arguments are known: a request refused
 * before that (no handler, arguments that do not fit, too many requests in flight, a context that is closing) is
 * answered without interceptors. A refused request still uses up a {@code handleOnce} handler.
 */
public interface IpcInterceptor {

    /**
     * A call is about to be sent, or its handler is about to run. Return to let it go on; throw
     * {@link IpcRefusedException} to refuse it.
     */
    void intercept(IpcCall call);

    /** The call whose {@link #intercept} returned normally is over; {@code result} says how. Does nothing by default. */
    default void completed(IpcCall call, IpcCall.Result result) {
    }
}
