package io.typedipc.runtime;

/** The receiver has no handler for the requested channel (Cocos Creator's {@code ENOMSG}; JSON-RPC -32601). */
public final class NoSuchChannelException extends IpcException {
    private static final long serialVersionUID = 1L;

    public NoSuchChannelException(String message) {
        super(ErrorCodes.METHOD_NOT_FOUND, message);
    }
}
