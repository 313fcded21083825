package io.typedipc.runtime;

/** The renderer a message was addressed to is not connected (Cocos Creator's {@code ENOPANEL}). */
public final class NoSuchRendererException extends IpcException {
    private static final long serialVersionUID = 1L;

    public NoSuchRendererException(String message) {
        super(ErrorCodes.NO_SUCH_RENDERER, message);
    }
}
