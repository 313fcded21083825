package io.typedipc.runtime.internal.wire;

import java.io.IOException;

/**
 * A byte stream that no longer carries well-formed frames: a header that is too long or malformed, a
 * {@code Content-Length} over the frame limit, a charset other than UTF-8. Framing is lost, so the link sends one
 * error reply with {@link #code()} (and a {@code null} id) and closes.
 */
public final class FramingException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int code;

    public FramingException(int code, String message) {
        super(message);
        this.code = code;
    }

    /** The JSON-RPC error code the peer is told before the link closes. */
    public int code() {
        return code;
    }
}
