package io.typedipc.runtime.internal.engine;

/**
 * The failure factory: the engine asks it for the exceptions the API promises its callers (a timeout, a disconnect,
 * the exception an error reply stands for), so that it never names an API type itself. The contexts supply it.
 */
public interface Failures {
    /** A request whose deadline passed before its reply came. */
    RuntimeException timeout(String message);

    /** A connection or context that is closed; {@code cause} may be {@code null}. */
    RuntimeException disconnected(String message, Throwable cause);

    /** A failure found here, with its JSON-RPC code ({@code JsonRpcCodes}); {@code cause} may be {@code null}. */
    RuntimeException local(int code, String message, Throwable cause);

    /**
     * What an error reply with no declared exception stands for, by its code: a missing channel or renderer, a
     * timeout, a disconnect, a refusal, or a remote failure with the sender's exception type and stack trace (either
     * may be {@code null}).
     */
    RuntimeException remote(int code, String message, String type, String stackTrace);

    /**
     * How a blocking call throws the failure of its reply: an exception made here as it is, a method's declared
     * exception wrapped so that the generated sender can unwrap and rethrow it as itself.
     */
    RuntimeException thrownByCall(Throwable failure);

    /** The JSON-RPC code a failure stands for when main relays it: its own, else cancelled or internal error. */
    int code(Throwable failure);
}
