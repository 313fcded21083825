package io.typedipc.runtime;

import io.typedipc.runtime.internal.engine.Failures;
import java.util.concurrent.CancellationException;

/** The engine's failure factory: the API's exceptions, one for each failure the engine finds or receives. */
final class IpcFailures implements Failures {
    static final IpcFailures INSTANCE = new IpcFailures();

    private IpcFailures() {}

    @Override
    public RuntimeException timeout(String message) {
        return new IpcTimeoutException(message);
    }

    @Override
    public RuntimeException disconnected(String message, Throwable cause) {
        return cause == null ? new IpcDisconnectedException(message) : new IpcDisconnectedException(message, cause);
    }

    @Override
    public RuntimeException local(int code, String message, Throwable cause) {
        return new IpcException(code, message, cause);
    }

    @Override
    public RuntimeException remote(int code, String message, String type, String stackTrace) {
        return switch (code) {
            case ErrorCodes.METHOD_NOT_FOUND -> new NoSuchChannelException(message);
            case ErrorCodes.NO_SUCH_RENDERER -> new NoSuchRendererException(message);
            case ErrorCodes.TIMEOUT -> new IpcTimeoutException(message);
            case ErrorCodes.DISCONNECTED -> new IpcDisconnectedException(message);
            case ErrorCodes.REFUSED -> new IpcRefusedException(message);
            default -> new RemoteException(code, message, type, stackTrace);
        };
    }

    @Override
    public RuntimeException thrownByCall(Throwable failure) {
        return failure instanceof IpcException ipc ? ipc : new IpcDeclaredException((Exception) failure);
    }

    @Override
    public int code(Throwable failure) {
        if (failure instanceof IpcException ipc) {
            return ipc.code();
        }
        return failure instanceof CancellationException ? ErrorCodes.CANCELLED : ErrorCodes.INTERNAL_ERROR;
    }
}
