package io.typedipc.runtime;

import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.internal.wire.Envelope;
import io.typedipc.runtime.internal.wire.MethodCodec;
import java.lang.System.Logger.Level;
import java.util.Map;

/**
 * What a reply means to the caller: the decoded result, or the exception an error reply stands for — one of the
 * method's declared exceptions, rebuilt from its type name and message, or the {@link IpcException} for its code.
 */
final class Replies {
    private static final System.Logger LOG = System.getLogger(Replies.class.getName());

    private Replies() {}

    /** The result of a {@code result} reply, decoded with the method's result type. */
    static Object result(String channel, MethodCodec codec, Envelope reply) {
        try {
            return codec.readResult(reply);
        } catch (RuntimeException e) {
            throw new IpcException(ErrorCodes.INTERNAL_ERROR,
                    channel + ": the reply does not fit the result type: " + e.getMessage(), e);
        }
    }

    /** The exception an {@code error} reply stands for. */
    static Throwable failure(String channel, MethodCodec codec, Envelope reply) {
        String message = reply.errorMessage();
        Map<?, ?> data = null;
        try {
            if (codec.readErrorData(reply) instanceof Map<?, ?> map) {
                data = map;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "unreadable error.data in a reply on " + channel + ": " + e);
        }
        String type = data != null && data.get("type") instanceof String text ? text : null;
        String stackTrace = data != null && data.get("stackTrace") instanceof String text ? text : null;
        switch (reply.errorCode()) {
            case ErrorCodes.METHOD_NOT_FOUND:
                return new NoSuchChannelException(message);
            case ErrorCodes.NO_SUCH_RENDERER:
                return new NoSuchRendererException(message);
            case ErrorCodes.TIMEOUT:
                return new IpcTimeoutException(message);
            case ErrorCodes.DISCONNECTED:
                return new IpcDisconnectedException(message);
            case ErrorCodes.REFUSED:
                return new IpcRefusedException(message);
            case ErrorCodes.DECLARED_ERROR:
                MethodDescriptor<?> method = codec.method();
                MethodDescriptor.DeclaredError<?> declared =
                        method == null || type == null ? null : method.declaredErrorNamed(type);
                if (declared != null) {
                    try {
                        return declared.factory().apply(message);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "could not rebuild " + type + " declared by " + channel, e);
                    }
                }
                return new RemoteException(reply.errorCode(), message, type, stackTrace);
            default:
                return new RemoteException(reply.errorCode(), message, type, stackTrace);
        }
    }
}
