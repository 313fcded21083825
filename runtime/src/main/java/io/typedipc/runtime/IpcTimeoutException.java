package io.typedipc.runtime;

/** A request passed its deadline before a reply came (Cocos Creator's {@code ETIMEOUT}). A late reply is dropped. */
public final class IpcTimeoutException extends IpcException {
    private static final long serialVersionUID = 1L;

    public IpcTimeoutException(String message) {
        super(ErrorCodes.TIMEOUT, message);
    }
}
