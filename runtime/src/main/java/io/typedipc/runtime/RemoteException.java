package io.typedipc.runtime;

/**
 * The remote handler failed with an exception the channel does not declare, or the peer reported an error the
 * runtime has no more specific type for. It carries the remote exception's type name and message; the remote stack
 * trace crosses only when the receiving side opted in ({@link IpcSettings.Builder#sendStackTraces}).
 */
public final class RemoteException extends IpcException {
    private static final long serialVersionUID = 1L;

    private final String remoteType;
    private final String remoteStackTrace;

    public RemoteException(int code, String message, String remoteType, String remoteStackTrace) {
        super(code, remoteType == null ? message : remoteType + ": " + message);
        this.remoteType = remoteType;
        this.remoteStackTrace = remoteStackTrace;
    }

    /** The binary name of the remote exception's class, or {@code null} when the peer did not say. */
    public String remoteType() {
        return remoteType;
    }

    /** The remote stack trace as text, or {@code null} unless the remote side opted in to sending it. */
    public String remoteStackTrace() {
        return remoteStackTrace;
    }
}
