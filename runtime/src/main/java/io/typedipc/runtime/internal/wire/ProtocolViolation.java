package io.typedipc.runtime.internal.wire;

/**
 * A frame that is not a valid JSON-RPC 2.0 message, or a message whose arguments do not fit its channel. Carries the
 * JSON-RPC error code to answer with and, when it could be read, the id of the request to answer.
 */
public final class ProtocolViolation extends Exception {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final transient Object requestId;

    public ProtocolViolation(int code, String message, Object requestId) {
        super(message, null, false, false);
        this.code = code;
        this.requestId = requestId;
    }

    /** The JSON-RPC error code: parse error, invalid request or invalid params. */
    public int code() {
        return code;
    }

    /** The id of the offending request, or {@code null} if it was a notification or its id could not be read. */
    public Object requestId() {
        return requestId;
    }
}
