package io.typedipc.runtime;

import io.typedipc.runtime.internal.wire.JsonRpcCodes;

/**
 * The error codes Typed IPC puts in JSON-RPC error responses: JSON-RPC 2.0's own, the Language Server Protocol's
 * cancellation code, and Typed IPC's application codes in the range JSON-RPC reserves for implementations.
 * docs/protocol.md describes each with the {@code data} it carries.
 */
public final class ErrorCodes {
    private ErrorCodes() {}

    /** Invalid JSON was received. */
    public static final int PARSE_ERROR = JsonRpcCodes.PARSE_ERROR;
    /** The JSON sent is not a valid JSON-RPC 2.0 request object. */
    public static final int INVALID_REQUEST = JsonRpcCodes.INVALID_REQUEST;
    /** No handler is registered for the channel ({@link NoSuchChannelException}). */
    public static final int METHOD_NOT_FOUND = JsonRpcCodes.METHOD_NOT_FOUND;
    /** Wrong number or types of arguments for the channel. */
    public static final int INVALID_PARAMS = JsonRpcCodes.INVALID_PARAMS;
    /** The receiver failed inside the runtime, not in a handler. */
    public static final int INTERNAL_ERROR = JsonRpcCodes.INTERNAL_ERROR;

    /** The handler threw an exception the channel does not declare ({@link RemoteException}). */
    public static final int APPLICATION_ERROR = JsonRpcCodes.APPLICATION_ERROR;
    /** The handler threw one of the channel method's declared exceptions; {@code data.type} names it. */
    public static final int DECLARED_ERROR = JsonRpcCodes.DECLARED_ERROR;
    /** The addressed renderer is not connected ({@link NoSuchRendererException}). */
    public static final int NO_SUCH_RENDERER = JsonRpcCodes.NO_SUCH_RENDERER;
    /** The request passed its deadline ({@link IpcTimeoutException}). */
    public static final int TIMEOUT = JsonRpcCodes.TIMEOUT;
    /**
     * The connection closed before the reply came ({@link IpcDisconnectedException}). On the wire: the receiver is
     * closing and refuses new requests, or the renderer a routed request went to disconnected before it answered.
     */
    public static final int DISCONNECTED = JsonRpcCodes.DISCONNECTED;
    /**
     * The peer has too many requests in flight with main ({@code WireLimits.maxRequestsInFlight()}): the request was
     * not served; send it again once earlier replies have come.
     */
    public static final int TOO_MANY_REQUESTS = JsonRpcCodes.TOO_MANY_REQUESTS;
    /**
     * An interceptor of the serving context refused the request ({@link IpcRefusedException}); the handler did not
     * run. The message is the interceptor's.
     */
    public static final int REFUSED = JsonRpcCodes.REFUSED;
    /** The request was cancelled (the LSP's {@code RequestCancelled}, so LSP peers understand it). */
    public static final int CANCELLED = JsonRpcCodes.CANCELLED;
}
