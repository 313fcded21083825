package io.typedipc.runtime.internal.wire;

/**
 * A result reply whose value does not fit the method's result type: what did not fit and where inside the value, in
 * the words arguments get, without Jackson's source location (the caller's reply frame means nothing to them). The
 * engine gives the caller its own exception for it, naming the channel.
 */
public final class ResultMismatch extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ResultMismatch(String text, Throwable cause) {
        super("the reply does not fit the result type: " + text, cause);
    }
}
