package io.typedipc.runtime.internal.wire;

/**
 * The error codes' numbers, for the codec and the engine. The public names and their meaning are
 * {@code io.typedipc.runtime.ErrorCodes}, which re-exports these values; the wire cannot import the API package
 * (dependencies point API → engine → wire).
 */
public final class JsonRpcCodes {
    private JsonRpcCodes() {}

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    public static final int APPLICATION_ERROR = -32000;
    public static final int DECLARED_ERROR = -32001;
    public static final int NO_SUCH_RENDERER = -32002;
    public static final int TIMEOUT = -32003;
    public static final int DISCONNECTED = -32004;
    public static final int TOO_MANY_REQUESTS = -32005;
    public static final int REFUSED = -32006;
    public static final int CANCELLED = -32800;
}
