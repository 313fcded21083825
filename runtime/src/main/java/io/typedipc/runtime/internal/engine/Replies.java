package io.typedipc.runtime.internal.engine;

import io.typedipc.runtime.codegen.MethodDescriptor;
import io.typedipc.runtime.internal.wire.Envelope;
import io.typedipc.runtime.internal.wire.JsonRpcCodes;
import io.typedipc.runtime.internal.wire.MethodCodec;
import io.typedipc.runtime.internal.wire.ResultMismatch;
import java.lang.System.Logger.Level;
import java.util.Map;

/**
 * What a reply means to the caller: the decoded result, or the exception an error reply stands for — one of the
 * method's declared exceptions, rebuilt from its type name and message, or the failure factory's for its code.
 */
public final class Replies {
    private static final System.Logger LOG = System.getLogger(Replies.class.getName());

    private Replies() {}

    /** The result of a {@code result} reply, decoded with the method's result type. */
    static Object result(Failures failures, String channel, MethodCodec codec, Envelope reply) {
        try {
            return codec.readResult(reply);
        } catch (ResultMismatch e) {
            throw failures.local(JsonRpcCodes.INTERNAL_ERROR, channel + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw failures.local(JsonRpcCodes.INTERNAL_ERROR,
                    channel + ": the reply does not fit the result type: " + e.getMessage(), e);
        }
    }

    /** The exception an {@code error} reply stands for: the method's declared one, else the factory's for its code. */
    static Throwable failure(Failures failures, String channel, MethodCodec codec, Envelope reply) {
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
        if (reply.errorCode() == JsonRpcCodes.DECLARED_ERROR) {
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
        }
        return failures.remote(reply.errorCode(), message, type, stackTrace);
    }
}
