package io.typedipc.runtime;

/**
 * An interceptor refused the call ({@link IpcInterceptor#intercept}): on the calling side it was never sent; on the
 * serving side it was answered with {@link ErrorCodes#REFUSED} without running the handler. Throw it from an
 * interceptor to refuse a call; its message is what the caller reads (a serving side's message crosses the wire, so
 * say no more in it than the caller may know).
 */
public final class IpcRefusedException extends IpcException {
    private static final long serialVersionUID = 1L;

    public IpcRefusedException(String message) {
        super(ErrorCodes.REFUSED, message);
    }

    public IpcRefusedException(String message, Throwable cause) {
        super(ErrorCodes.REFUSED, message, cause);
    }
}
