package io.typedipc.runtime;

/**
 * The error codes Typed IPC puts in JSON-RPC error responses: JSON-RPC 2.0's own, the Language Server Protocol's
 * cancellation code, and Typed IPC's application codes in the range JSON-RPC reserves for implementations.
 * docs/protocol.md describes each with the {@code data} it carries.
 */
public final class ErrorCodes {
    private ErrorCodes() {}

    /** Invalid JSON was received. */
    public static final int PARSE_ERROR = -32700;
    /** The JSON sent is not a valid JSON-RPC 2.0 request object. */
    public static final int INVALID_REQUEST = -32600;
    /** No handler is registered for the channel ({@link NoSuchChannelException}). */
    public static final int METHOD_NOT_FOUND = -32601;
    /** Wrong number or types of arguments for the channel. */
    public static final int INVALID_PARAMS = -32602;
    /** The receiver failed inside the runtime, not in a handler. */
    public static final int INTERNAL_ERROR = -32603;

    /** The handler threw an exception the channel does not declare ({@link RemoteException}). */
    public static final int APPLICATION_ERROR = -32000;
    /** The handler threw one of the channel method's declared exceptions; {@code data.type} names it. */
    public static final int DECLARED_ERROR = -32001;
    /** The addressed renderer is not connected ({@link NoSuchRendererException}). */
    public static final int NO_SUCH_RENDERER = -32002;
    /** The request passed its deadline ({@link IpcTimeoutException}). */
    public static final int TIMEOUT = -32003;
    /**
     * The connection closed before the reply came ({@link IpcDisconnectedException}). On the wire: the receiver is
     * closing and refuses new requests, or the renderer a routed request went to disconnected before it answered.
     */
    public static final int DISCONNECTED = -32004;
    /**
     * The peer has too many requests in flight with main ({@code WireLimits.maxRequestsInFlight()}): the request was
     * not served; send it again once earlier replies have come.
     */
    public static final int TOO_MANY_REQUESTS = -32005;
    /** The request was cancelled (the LSP's {@code RequestCancelled}, so LSP peers understand it). */
    public static final int CANCELLED = -32800;
}
