/**
 * The failures a call can end with, one class per JSON-RPC error code of docs/protocol.md ("Errors"), so that a
 * caller can tell them apart with `instanceof` instead of comparing numbers.
 */

/** The JSON-RPC error codes Typed IPC uses (docs/protocol.md, "Errors"). */
export const ErrorCodes = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  APPLICATION_ERROR: -32000,
  DECLARED_ERROR: -32001,
  NO_SUCH_RENDERER: -32002,
  TIMEOUT: -32003,
  DISCONNECTED: -32004,
  CANCELLED: -32800,
} as const;

/** Every failure of a Typed IPC call or connection. `code` is the JSON-RPC error code. */
export class IpcError extends Error {
  readonly code: number;

  constructor(code: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** No handler serves the channel (`-32601`; Cocos Creator's ENOMSG). */
export class NoSuchChannelError extends IpcError {
  constructor(message: string) {
    super(ErrorCodes.METHOD_NOT_FOUND, message);
  }
}

/** The renderer a routed message names is not connected, or main's routing policy refused the route (`-32002`). */
export class NoSuchRendererError extends IpcError {
  constructor(message: string) {
    super(ErrorCodes.NO_SUCH_RENDERER, message);
  }
}

/** The request's deadline passed (`-32003`; Cocos Creator's ETIMEOUT). */
export class IpcTimeoutError extends IpcError {
  constructor(message: string) {
    super(ErrorCodes.TIMEOUT, message);
  }
}

/** The connection closed before the reply came (`-32004`). */
export class IpcDisconnectedError extends IpcError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCodes.DISCONNECTED, message, options);
  }
}

/** The request was cancelled: by the caller's `AbortSignal` (`cause` is the signal's reason), or by the peer (`-32800`). */
export class IpcCancelledError extends IpcError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCodes.CANCELLED, message, options);
  }
}

/** Main refused the `$/hello` handshake (wrong token, no name), or its reply was not a Typed IPC one. */
export class HandshakeError extends IpcError {
  constructor(message: string) {
    super(ErrorCodes.INVALID_REQUEST, message);
  }
}

/**
 * The peer failed in a way it did not declare: an undeclared exception of the handler (`-32000`, `remoteType` is its
 * Java class name), bad arguments (`-32602`), an internal error (`-32603`), or any other code a peer sent.
 */
export class RemoteError extends IpcError {
  /** The remote exception's type (a Java class name for a Java peer), when the peer said. */
  readonly remoteType: string | undefined;
  /** The remote stack trace, only when the serving side opted in to sending it. */
  readonly remoteStackTrace: string | undefined;

  constructor(code: number, message: string, remoteType?: string, remoteStackTrace?: string) {
    super(code, message);
    this.remoteType = remoteType;
    this.remoteStackTrace = remoteStackTrace;
  }
}

/**
 * A declared exception of the channel's Java method (`-32001`). Generated code declares one subclass per Java
 * exception type, with the Java class name as the static `javaType`:
 *
 * ```ts
 * class AssetExistsException extends DeclaredError { static readonly javaType = 'assets.AssetExistsException'; }
 * ```
 *
 * Give the classes to the connection (`declaredErrors`) and a `-32001` reply whose `data.type` names one of them is
 * rethrown as an instance of it; a handler that throws one sends `-32001` with its `javaType`, which a Java caller
 * receives as that checked exception.
 */
export class DeclaredError extends IpcError {
  /** The Java class name the error stands for. */
  readonly javaType: string;

  /**
   * @param javaType the Java class name; subclasses leave it out and declare a static `javaType` instead
   */
  constructor(message: string, javaType?: string) {
    super(ErrorCodes.DECLARED_ERROR, message);
    const declared = (new.target as unknown as { javaType?: unknown }).javaType;
    const type = javaType ?? (typeof declared === 'string' ? declared : undefined);
    if (type === undefined || type === '') {
      throw new TypeError(`${new.target.name} needs a static javaType (the Java exception's class name)`);
    }
    this.javaType = type;
  }
}

/** A subclass of {@link DeclaredError} with its Java class name: what `declaredErrors` takes. */
export interface DeclaredErrorClass {
  readonly javaType: string;
  new (message: string): DeclaredError;
}
