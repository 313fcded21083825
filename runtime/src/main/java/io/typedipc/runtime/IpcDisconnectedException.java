package io.typedipc.runtime;

/** The connection closed, or the peer died, before the reply came. Every pending request fails with this at once. */
public final class IpcDisconnectedException extends IpcException {
    private static final long serialVersionUID = 1L;

    public IpcDisconnectedException(String message) {
        super(ErrorCodes.DISCONNECTED, message);
    }

    public IpcDisconnectedException(String message, Throwable cause) {
        super(ErrorCodes.DISCONNECTED, message, cause);
    }
}
