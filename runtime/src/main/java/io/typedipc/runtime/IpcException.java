package io.typedipc.runtime;

/**
 * The base of every failure the runtime reports. Unchecked, like gRPC's {@code StatusRuntimeException}: a channel
 * method's own checked exceptions are the only checked exceptions a caller sees.
 */
public class IpcException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;

    /** @param code the JSON-RPC error code that stands for this failure on the wire ({@link ErrorCodes}) */
    public IpcException(int code, String message) {
        super(message);
        this.code = code;
    }

    public IpcException(int code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The JSON-RPC error code of this failure; see {@link ErrorCodes}. */
    public int code() {
        return code;
    }
}
