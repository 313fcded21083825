import {
  DeclaredError,
  type DeclaredErrorClass,
  ErrorCodes,
  HandshakeError,
  IpcCancelledError,
  IpcDisconnectedError,
  IpcError,
  IpcTimeoutError,
  NoSuchChannelError,
  NoSuchRendererError,
  RemoteError,
} from './errors.js';
import { DEFAULT_MAX_MESSAGE_BYTES, type MessageTransport, utf8LengthOver } from './transport.js';

/** A JSON value as it crosses the wire. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Per-call options. */
export interface CallOptions {
  /** How long to wait for the reply, in milliseconds; the connection's `defaultDeadlineMs` otherwise. */
  deadlineMs?: number;
  /** Aborting it sends `$/cancelRequest` and rejects the call with {@link IpcCancelledError}. */
  signal?: AbortSignal;
}

/** Whom a message can be sent to: main itself ({@link Connection}), or another renderer through main ({@link Connection.peer}). */
export interface Peer {
  /** Sends a request and resolves with its result; rejects with an {@link IpcError} subclass or a declared error. */
  request<R = unknown>(method: string, params?: readonly unknown[], options?: CallOptions): Promise<R>;
  /** Sends a one-way message (a JSON-RPC notification). */
  notify(method: string, params?: readonly unknown[]): void;
  /**
   * Checks that the peer is there and answering: sends the protocol's `$/ping` request, which the peer's runtime
   * answers itself (never a handler), behind the messages it received before it. Resolves with the round trip; a
   * peer that does not know `$/ping` (answering `-32601`, or with a result that is not an object) resolves with
   * `supported: false`. Any other failure rejects as a request would: {@link IpcTimeoutError} at the deadline,
   * {@link IpcDisconnectedError}, {@link NoSuchRendererError} for a routed peer that is not connected.
   */
  ping(options?: CallOptions): Promise<PingResult>;
}

/** What {@link Peer.ping} found: the peer answered, and how long the round trip took (Java: `PingResult`). */
export interface PingResult {
  /**
   * Milliseconds (fractional) from just before the `$/ping` was written until its reply was read on this connection
   * (before any promise callback runs): the link and the peer, including the peer's queue of earlier messages.
   */
  readonly roundTripMs: number;
  /**
   * Whether the peer's runtime knows `$/ping`; false when it answered `-32601` (an older runtime, any other JSON-RPC
   * peer) or a result that is not an object (LSP4J's answer to unknown `$/` requests): alive and reading all the same.
   */
  readonly supported: boolean;
}

/** Who sent a message, and how to answer: what every handler and listener gets. */
export interface IpcEvent {
  /** The sender's renderer id; main is 0. */
  readonly senderId: number;
  /** The sender's name; main is `"main"`. */
  readonly senderName: string;
  /** Whether another renderer sent it through main (`$/routed`). */
  readonly routed: boolean;
  /** The sender, to send back to: main, or the routing renderer (through main). */
  readonly sender: Peer;
  /** Aborted when the caller cancels the request or the connection closes; never aborted for a one-way message. */
  readonly signal: AbortSignal;
}

/** Serves a request: returns the result (or a promise of it); throw a {@link DeclaredError} subclass for a declared error. */
export type RequestHandler = (params: unknown[], event: IpcEvent) => unknown;
/** Receives a one-way message. */
export type MessageListener = (params: unknown[], event: IpcEvent) => void;

/** What `handle` and `on` return. */
export interface Registration {
  /** Removes the handler or listener. */
  dispose(): void;
}

/** Where a broadcast goes, besides every other renderer. */
export interface BroadcastOptions {
  /** Leave this renderer out (Cocos Creator's `excludeSelf`); default false. */
  excludeSender?: boolean;
  /** Deliver it to main's own listeners too (`sendToAll`); default false. */
  includeMain?: boolean;
}

export interface ConnectionOptions {
  /** The renderer's name, for logs and for main (sent in the handshake where there is one). */
  name: string;
  /**
   * The window this renderer is a panel of (Cocos Creator's windows hold several panels; main's window messages reach
   * the panels of one window): 1 to 128 characters, not blank, no control characters. Sent in the `$/hello`
   * handshake, so only over sockets and WebSocket; over stdio main names the window when it launches the renderer,
   * and `connectStdio` / `connectStreams` refuse this option. Without it the renderer is in no window.
   */
  window?: string;
  /** The deadline of every request without its own, in milliseconds (default 30 000, as the Java runtime's). */
  defaultDeadlineMs?: number;
  /** The declared error classes whose `-32001` replies are rethrown as their own type (usually the generated ones). */
  declaredErrors?: readonly DeclaredErrorClass[];
  /** The largest message, in UTF-8 bytes, sent or received (default 16 MiB). */
  maxMessageBytes?: number;
  /** Where the connection reports what it drops (a notification nobody listens to, a listener that threw). */
  log?: (level: 'debug' | 'warning', message: string) => void;
  /**
   * Runs before the first incoming message is handled: register the renderer's handlers here, so that a request
   * main sends the moment the renderer connects finds them.
   */
  setup?: (connection: Connection) => void;
}

/** The protocol a Typed IPC main answers the handshake with. */
export const PROTOCOL = 'typed-ipc/1';
/** The protocol's health check (docs/protocol.md#ping), answered by the connection itself. */
const PING = '$/ping';
/** The handshake request's id: application requests count from 1. */
const HELLO_ID = 0;
const DEFAULT_DEADLINE_MS = 30_000;
/** Timers cannot wait longer than this (2^31 - 1 ms); a longer deadline is clamped. */
const MAX_TIMER_MS = 2_147_483_647;

interface PendingCall {
  readonly method: string;
  /** Told when the reply arrives, before it is read (a ping's round trip ends there). */
  readonly onArrival: (() => void) | undefined;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  readonly timer: ReturnType<typeof setTimeout>;
  readonly cleanup: () => void;
}

type RequestId = number | string | null;

interface Incoming {
  readonly id: RequestId | undefined;
  readonly method: string;
  readonly params: unknown;
  readonly sender: { id: number; name: string; routed: boolean };
}

/**
 * One renderer's connection to a Typed IPC main: calls main's channels, serves channels main (or another renderer,
 * through main) calls, and routes to other renderers. JSON-RPC 2.0 as docs/protocol.md specifies it, over any
 * {@link MessageTransport}. Create one with a transport's `connect...` function rather than directly, so that the
 * handshake and `setup` happen in the right order.
 *
 * Incoming messages are handled in arrival order, each handler called as its message arrives (the event loop
 * model: an async handler's later parts interleave with the next messages).
 */
export class Connection implements Peer {
  readonly name: string;
  /** The window this renderer said it is a panel of in its handshake, if any. */
  readonly window: string | undefined;
  /** Resolves when the connection has closed: with the error that closed it, or undefined for an orderly close. */
  readonly closed: Promise<Error | undefined>;
  private ownId: number | undefined;

  private readonly transport: MessageTransport;
  private readonly defaultDeadlineMs: number;
  private readonly maxMessageBytes: number;
  private readonly declaredErrors = new Map<string, DeclaredErrorClass>();
  private readonly log: (level: 'debug' | 'warning', message: string) => void;
  private readonly pending = new Map<number, PendingCall>();
  private readonly handlers = new Map<string, RequestHandler>();
  private readonly listeners = new Map<string, Set<MessageListener>>();
  /** Incoming requests still being served, by their id as JSON text (ids may be numbers or strings). */
  private readonly serving = new Map<string, AbortController>();
  private nextId = 1;
  private closeError: Error | undefined;
  private isClosed = false;
  private resolveClosed!: (error: Error | undefined) => void;
  private readonly mainPeer: Peer;

  constructor(transport: MessageTransport, options: ConnectionOptions) {
    if (typeof options.name !== 'string' || options.name.trim() === '') {
      throw new TypeError('a connection needs a name that is not blank');
    }
    this.name = options.name;
    this.window = options.window === undefined ? undefined : checkWindowName(options.window);
    this.transport = transport;
    this.defaultDeadlineMs = positive(options.defaultDeadlineMs ?? DEFAULT_DEADLINE_MS, 'defaultDeadlineMs');
    this.maxMessageBytes = positive(options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES, 'maxMessageBytes');
    this.log = options.log ?? defaultLog;
    for (const type of options.declaredErrors ?? []) {
      this.registerDeclaredError(type);
    }
    this.closed = new Promise((resolve) => {
      this.resolveClosed = resolve;
    });
    this.mainPeer = {
      request: (m, p, o) => this.request(m, p, o),
      notify: (m, p) => this.notify(m, p),
      ping: (o) => this.ping(o),
    };
    options.setup?.(this);
    transport.start({
      onMessage: (message) => this.receive(message),
      onClose: (error) => this.onTransportClosed(error),
    });
  }

  /** Adds a declared error class after construction (a second class for one Java type replaces the first). */
  registerDeclaredError(type: DeclaredErrorClass): void {
    if (typeof type?.javaType !== 'string' || type.javaType === '') {
      throw new TypeError('a declared error class needs a static javaType');
    }
    this.declaredErrors.set(type.javaType, type);
  }

  /**
   * This renderer's id in main (what other renderers give `peer(id)`), from the handshake's reply or, over stdio, from
   * main's `$/welcome` (its first frame when main launched this process); `undefined` until then, and over a carrier
   * that tells neither.
   */
  get rendererId(): number | undefined {
    return this.ownId;
  }

  /** Whether the connection has closed. */
  get isOpen(): boolean {
    return !this.isClosed;
  }

  // ------------------------------------------------------------------------------------------------ calling

  request<R = unknown>(method: string, params: readonly unknown[] = [], options: CallOptions = {}): Promise<R> {
    checkMethod(method);
    return this.call(method, [...params], options) as Promise<R>;
  }

  notify(method: string, params: readonly unknown[] = []): void {
    checkMethod(method);
    this.write({ jsonrpc: '2.0', method, params: [...params] });
  }

  /**
   * Pings main (see {@link Peer.ping}): `$/ping`, answered by main's runtime in order behind this renderer's earlier
   * messages. `options.deadlineMs` defaults to the connection's `defaultDeadlineMs`.
   */
  ping(options: CallOptions = {}): Promise<PingResult> {
    this.deadlineOf(options); // a bad deadline throws at once, as for a request
    return this.timedPing((onArrival) => this.call(PING, [], options, PING, undefined, onArrival));
  }

  /**
   * Another renderer, reached through main (`$/route`; Cocos Creator's `sendToPanel`): by its renderer id, or by name
   * (the first connected renderer with that name, looked up by main on every message).
   */
  peer(to: number | string): Peer {
    if (typeof to === 'number' ? !Number.isSafeInteger(to) || to < 0 : typeof to !== 'string' || to === '') {
      throw new TypeError(`a peer is a renderer id or a non-empty name, not ${String(to)}`);
    }
    return {
      request: <R>(method: string, params: readonly unknown[] = [], options: CallOptions = {}): Promise<R> => {
        checkMethod(method);
        const deadlineMs = this.deadlineOf(options);
        const routed = { to, method, params: [...params], deadlineMillis: deadlineMs };
        return this.call('$/route', routed, { ...options, deadlineMs }, method) as Promise<R>;
      },
      notify: (method: string, params: readonly unknown[] = []): void => {
        checkMethod(method);
        this.write({ jsonrpc: '2.0', method: '$/route', params: { to, method, params: [...params] } });
      },
      // $/ping is the one protocol method main routes: the target's runtime answers it, main relays the answer.
      ping: (options: CallOptions = {}): Promise<PingResult> => {
        const deadlineMs = this.deadlineOf(options);
        const routed = { to, method: PING, params: [], deadlineMillis: deadlineMs };
        return this.timedPing((onArrival) =>
          this.call('$/route', routed, { ...options, deadlineMs }, PING, undefined, onArrival));
      },
    };
  }

  /** Sends a ping with `send` and times it: from just before it is written until its reply arrives. */
  private async timedPing(send: (onArrival: () => void) => Promise<unknown>): Promise<PingResult> {
    let arrived: number | undefined;
    const started = performance.now();
    let supported: boolean;
    try {
      const result = await send(() => {
        arrived = performance.now();
      });
      supported = isObject(result) && !Array.isArray(result);
    } catch (error) {
      if (!(error instanceof NoSuchChannelError)) {
        throw error;
      }
      supported = false; // an older peer: no such method, but alive and reading
    }
    return { roundTripMs: (arrived ?? performance.now()) - started, supported };
  }

  /** A one-way message to every other renderer (and this one, and main, as `options` say), through main. */
  broadcast(method: string, params: readonly unknown[] = [], options: BroadcastOptions = {}): void {
    checkMethod(method);
    this.write({
      jsonrpc: '2.0',
      method: '$/broadcast',
      params: {
        method,
        params: [...params],
        excludeSender: options.excludeSender ?? false,
        includeMain: options.includeMain ?? false,
      },
    });
  }

  /**
   * Performs the `$/hello` handshake with `token` (socket and WebSocket transports; stdio has none). The transports'
   * `connect...` functions call it; it resolves with main's reply `result`.
   */
  async hello(token: string, timeoutMs: number): Promise<Record<string, unknown>> {
    if (typeof token !== 'string' || token === '') {
      throw new TypeError('the handshake needs the token main handed out');
    }
    let result: unknown;
    try {
      const params = this.window === undefined ? { token, name: this.name } : { token, name: this.name, window: this.window };
      result = await this.call('$/hello', params, { deadlineMs: timeoutMs }, undefined, HELLO_ID);
    } catch (error) {
      this.close();
      if (error instanceof IpcTimeoutError) {
        throw new HandshakeError(`no handshake reply from ${this.transport.description} within ${timeoutMs} ms`);
      }
      if (error instanceof IpcError && !(error instanceof IpcDisconnectedError)) {
        throw new HandshakeError(`main refused the connection: ${error.message}`);
      }
      throw error;
    }
    if (!isObject(result) || result['protocol'] !== PROTOCOL) {
      this.close();
      throw new HandshakeError(`not a Typed IPC handshake reply: ${JSON.stringify(result)}`);
    }
    this.takeRendererId(result['rendererId']);
    return result;
  }

  private takeRendererId(id: unknown): void {
    if (typeof id === 'number' && Number.isSafeInteger(id) && id > 0) {
      this.ownId = id;
    }
  }

  private deadlineOf(options: CallOptions): number {
    return positive(options.deadlineMs ?? this.defaultDeadlineMs, 'deadlineMs');
  }

  /** Sends a request and tracks its reply, deadline and cancellation. `channel` names it in errors (routed calls). */
  private call(method: string, params: unknown, options: CallOptions, channel = method, fixedId?: number,
    onArrival?: () => void): Promise<unknown> {
    const deadlineMs = this.deadlineOf(options);
    const signal = options.signal;
    if (this.isClosed) {
      return Promise.reject(this.disconnected(`cannot call ${channel}`));
    }
    if (signal?.aborted) {
      return Promise.reject(new IpcCancelledError(`${channel} was cancelled before it was sent`, { cause: signal.reason }));
    }
    const id = fixedId ?? this.nextId++;
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        if (this.settle(id)) {
          this.sendCancel(id);
          reject(new IpcCancelledError(`${channel} was cancelled`, { cause: signal?.reason }));
        }
      };
      const timer = setTimeout(() => {
        if (this.settle(id)) {
          this.sendCancel(id);
          reject(new IpcTimeoutError(`${channel} got no reply within ${deadlineMs} ms`));
        }
      }, Math.min(deadlineMs, MAX_TIMER_MS));
      signal?.addEventListener('abort', onAbort, { once: true });
      const cleanup = (): void => signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, { method: channel, onArrival, resolve, reject, timer, cleanup });
      try {
        this.write({ jsonrpc: '2.0', id, method, params: params as Json });
      } catch (error) {
        this.settle(id);
        reject(error);
      }
    });
  }

  /** Forgets a pending call; returns whether it was still pending (so exactly one outcome wins). */
  private settle(id: number): PendingCall | undefined {
    const call = this.pending.get(id);
    if (call === undefined) {
      return undefined;
    }
    this.pending.delete(id);
    clearTimeout(call.timer);
    call.cleanup();
    return call;
  }

  private sendCancel(id: number): void {
    if (!this.isClosed) {
      this.tryWrite({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } });
    }
  }

  // ------------------------------------------------------------------------------------------------ serving

  /**
   * Serves requests on `method`. A second handler for one channel throws, as in Electron and the Java runtime. The
   * handler's result (or what its promise resolves to) is the reply; `undefined` is sent as `null`.
   */
  handle(method: string, handler: RequestHandler): Registration {
    checkMethod(method);
    if (typeof handler !== 'function') {
      throw new TypeError('handler must be a function');
    }
    if (this.handlers.has(method)) {
      throw new Error(`a handler for ${method} is already registered`);
    }
    this.handlers.set(method, handler);
    return { dispose: () => this.handlers.get(method) === handler && this.handlers.delete(method) };
  }

  /** Receives one-way messages on `method` (several listeners may share a channel). */
  on(method: string, listener: MessageListener): Registration {
    checkMethod(method);
    if (typeof listener !== 'function') {
      throw new TypeError('listener must be a function');
    }
    let set = this.listeners.get(method);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(method, set);
    }
    const own = set;
    const entry: MessageListener = (params, event) => listener(params, event);
    own.add(entry);
    return {
      dispose: () => {
        own.delete(entry);
        if (own.size === 0 && this.listeners.get(method) === own) {
          this.listeners.delete(method);
        }
      },
    };
  }

  /** As {@link on}, removed after the first message. */
  once(method: string, listener: MessageListener): Registration {
    const registration = this.on(method, (params, event) => {
      registration.dispose();
      listener(params, event);
    });
    return registration;
  }

  // ------------------------------------------------------------------------------------------------ receiving

  private receive(text: string): void {
    const tooLong = utf8LengthOver(text, this.maxMessageBytes);
    if (tooLong !== undefined) {
      this.protocolError(null, ErrorCodes.INVALID_REQUEST, `a message of ${tooLong} bytes is over the limit of ${this.maxMessageBytes}`);
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      this.protocolError(null, ErrorCodes.PARSE_ERROR, 'invalid JSON');
      return;
    }
    if (!isObject(message) || Array.isArray(message)) {
      this.protocolError(null, ErrorCodes.INVALID_REQUEST, Array.isArray(message)
        ? 'batches are not supported; send one message per frame' : 'not a JSON-RPC 2.0 message');
      return;
    }
    const id = message['id'];
    const validId = id === undefined || id === null || typeof id === 'string' || (typeof id === 'number' && Number.isInteger(id));
    if (message['jsonrpc'] !== '2.0' || !validId) {
      this.protocolError(validId ? (id ?? null) as RequestId : null, ErrorCodes.INVALID_REQUEST, 'not a JSON-RPC 2.0 message');
      return;
    }
    const method = message['method'];
    if (typeof method === 'string') {
      this.receiveCall(id as RequestId | undefined, method, message['params']);
    } else if (method !== undefined) {
      this.protocolError((id ?? null) as RequestId, ErrorCodes.INVALID_REQUEST, 'method must be a string');
    } else if ('result' in message || 'error' in message) {
      this.receiveReply(id as RequestId | undefined, message);
    } else {
      this.protocolError((id ?? null) as RequestId, ErrorCodes.INVALID_REQUEST, 'not a JSON-RPC 2.0 message');
    }
  }

  private receiveReply(id: RequestId | undefined, message: Record<string, unknown>): void {
    const call = typeof id === 'number' ? this.settle(id) : undefined;
    if (call === undefined) {
      this.log('debug', `${this.name}: dropped a reply with no waiting call (id ${JSON.stringify(id)})`);
      return;
    }
    call.onArrival?.();
    const error = message['error'];
    if (error === undefined) {
      call.resolve(message['result'] ?? null);
    } else {
      call.reject(this.errorFromWire(call.method, error));
    }
  }

  private receiveCall(id: RequestId | undefined, method: string, params: unknown): void {
    if (method === '$/welcome' && id === undefined) {
      // Main's first frame to a process it launched (docs/protocol.md): who this renderer is.
      if (isObject(params) && params['protocol'] === PROTOCOL && Number.isSafeInteger(params['rendererId'])) {
        this.takeRendererId(params['rendererId']);
      } else {
        this.log('warning', `${this.name}: dropped a $/welcome that is not typed-ipc's: ${JSON.stringify(params)}`);
      }
      return;
    }
    if (method === '$/cancelRequest') {
      const target = isObject(params) ? params['id'] : undefined;
      if (typeof target === 'number' || typeof target === 'string') {
        this.serving.get(JSON.stringify(target))?.abort();
      }
      return;
    }
    if (method === '$/routed') {
      const from = isObject(params) ? params['from'] : undefined;
      const inner = isObject(params) ? params['method'] : undefined;
      if (!isObject(params) || !isObject(from) || typeof from['id'] !== 'number' || typeof from['name'] !== 'string'
        || typeof inner !== 'string') {
        if (id !== undefined) {
          this.tryWrite(errorReply(id, ErrorCodes.INVALID_PARAMS, 'malformed $/routed params'));
        }
        return;
      }
      this.dispatch({ id, method: inner, params: params['params'], sender: { id: from['id'], name: from['name'], routed: true } });
      return;
    }
    this.dispatch({ id, method, params, sender: { id: 0, name: 'main', routed: false } });
  }

  private dispatch(incoming: Incoming): void {
    const { id, method } = incoming;
    if (method === PING) {
      // Answered here, never by a handler, as it arrives: behind every earlier message, whose handlers have all been
      // called (and answered, if they returned a value). Its params are ignored; as a notification it is ignored.
      if (id !== undefined) {
        this.tryWrite({ jsonrpc: '2.0', id, result: {} });
      }
      return;
    }
    const params = incoming.params === undefined ? [] : incoming.params;
    if (!Array.isArray(params)) {
      if (id !== undefined) {
        this.tryWrite(errorReply(id, ErrorCodes.INVALID_PARAMS, `${method} takes positional params (an array)`));
      } else {
        this.log('warning', `${this.name}: dropped ${method}: params must be an array`);
      }
      return;
    }
    const controller = new AbortController();
    const event: IpcEvent = {
      senderId: incoming.sender.id,
      senderName: incoming.sender.name,
      routed: incoming.sender.routed,
      sender: incoming.sender.routed ? this.peer(incoming.sender.id) : this.mainPeer,
      signal: controller.signal,
    };
    if (id === undefined) {
      this.deliverNotification(method, params, event);
      return;
    }
    const handler = this.handlers.get(method);
    if (handler === undefined) {
      this.log('debug', `${this.name}: no handler for request ${method}`);
      this.tryWrite(errorReply(id, ErrorCodes.METHOD_NOT_FOUND, `no handler for ${method} in renderer ${this.name}`));
      return;
    }
    let returned: unknown;
    try {
      returned = handler(params, event);
    } catch (error) {
      this.tryWrite(this.errorReplyFor(id, method, error));
      return;
    }
    if (!isThenable(returned)) {
      // Answered at once, before the next message is handled, as a Java handler that returns a value: so replies
      // (and a $/ping's answer after them) leave in the order their requests came.
      this.replyResult(id, method, returned);
      return;
    }
    const key = JSON.stringify(id);
    this.serving.set(key, controller);
    const outcome = Promise.resolve(returned);
    const cancelled = new Promise<typeof controller>((resolve) =>
      controller.signal.addEventListener('abort', () => resolve(controller), { once: true }));
    // Once the caller cancelled, the reply is -32800 whatever the handler does next (it may reject on the abort).
    const cancelledReply = (): void => this.tryWrite(errorReply(id, ErrorCodes.CANCELLED, `${method} was cancelled`));
    Promise.race([outcome, cancelled]).then(
      (value) => (controller.signal.aborted ? cancelledReply() : this.replyResult(id, method, value)),
      (error: unknown) => (controller.signal.aborted ? cancelledReply() : this.tryWrite(this.errorReplyFor(id, method, error))),
    ).finally(() => {
      if (this.serving.get(key) === controller) {
        this.serving.delete(key);
      }
    });
  }

  private deliverNotification(method: string, params: unknown[], event: IpcEvent): void {
    const listeners = this.listeners.get(method);
    if (listeners === undefined || listeners.size === 0) {
      this.log('debug', `${this.name}: no listener for notification ${method}`);
      return;
    }
    for (const listener of [...listeners]) {
      try {
        listener(params, event);
      } catch (error) {
        this.log('warning', `${this.name}: a listener of ${method} failed: ${describeError(error)}`);
      }
    }
  }

  private replyResult(id: RequestId, method: string, value: unknown): void {
    let text: string;
    try {
      text = JSON.stringify({ jsonrpc: '2.0', id, result: value === undefined ? null : value });
    } catch (error) {
      this.tryWriteText(JSON.stringify(errorReply(id, ErrorCodes.INTERNAL_ERROR,
        `the result of ${method} could not be encoded: ${describeError(error)}`)));
      return;
    }
    const tooLong = utf8LengthOver(text, this.maxMessageBytes);
    if (tooLong !== undefined) {
      this.tryWrite(errorReply(id, ErrorCodes.INTERNAL_ERROR,
        `the result of ${method} is ${tooLong} bytes, over the limit of ${this.maxMessageBytes}`));
      return;
    }
    this.tryWriteText(text);
  }

  /** The reply for a handler that threw: never a stack trace. */
  private errorReplyFor(id: RequestId, method: string, error: unknown): Record<string, Json> {
    if (error instanceof DeclaredError) {
      return errorReply(id, ErrorCodes.DECLARED_ERROR, error.message, { type: error.javaType });
    }
    this.log('warning', `${this.name}: the handler of ${method} failed: ${describeError(error)}`);
    const type = error instanceof Error ? error.name : typeof error;
    const message = error instanceof Error ? error.message : String(error);
    return errorReply(id, ErrorCodes.APPLICATION_ERROR, message, { type });
  }

  /** Turns a JSON-RPC error object into the error a caller sees. */
  private errorFromWire(channel: string, error: unknown): Error {
    if (!isObject(error) || typeof error['code'] !== 'number') {
      return new RemoteError(ErrorCodes.INTERNAL_ERROR, `${channel}: malformed error reply ${JSON.stringify(error)}`);
    }
    const code = error['code'];
    const message = typeof error['message'] === 'string' ? error['message'] : '';
    const data = isObject(error['data']) ? error['data'] : {};
    const type = typeof data['type'] === 'string' ? data['type'] : undefined;
    const stackTrace = typeof data['stackTrace'] === 'string' ? data['stackTrace'] : undefined;
    switch (code) {
      case ErrorCodes.METHOD_NOT_FOUND:
        return new NoSuchChannelError(message);
      case ErrorCodes.NO_SUCH_RENDERER:
        return new NoSuchRendererError(message);
      case ErrorCodes.TIMEOUT:
        return new IpcTimeoutError(message);
      case ErrorCodes.DISCONNECTED:
        return new IpcDisconnectedError(message);
      case ErrorCodes.CANCELLED:
        return new IpcCancelledError(message);
      case ErrorCodes.DECLARED_ERROR: {
        const declared = type === undefined ? undefined : this.declaredErrors.get(type);
        if (declared !== undefined) {
          return new declared(message);
        }
        if (type !== undefined) {
          return new DeclaredError(message, type);
        }
        return new RemoteError(code, message, type, stackTrace);
      }
      default:
        return new RemoteError(code, message, type, stackTrace);
    }
  }

  // ------------------------------------------------------------------------------------------------ writing and closing

  private write(message: Record<string, unknown>): void {
    if (this.isClosed) {
      throw this.disconnected(`cannot send ${String(message['method'] ?? 'a reply')}`);
    }
    const text = JSON.stringify(message);
    const tooLong = utf8LengthOver(text, this.maxMessageBytes);
    if (tooLong !== undefined) {
      throw new IpcError(ErrorCodes.INVALID_PARAMS,
        `a message of ${tooLong} bytes is over the limit of ${this.maxMessageBytes}; nothing was sent`);
    }
    this.transport.send(text);
  }

  /** Writes a reply or a cancellation, for which there is nobody to tell if the connection is gone. */
  private tryWrite(message: Record<string, unknown>): void {
    try {
      this.write(message);
    } catch (error) {
      this.log('debug', `${this.name}: could not send a reply: ${describeError(error)}`);
    }
  }

  private tryWriteText(text: string): void {
    if (this.isClosed) {
      return;
    }
    try {
      this.transport.send(text);
    } catch (error) {
      this.log('debug', `${this.name}: could not send a reply: ${describeError(error)}`);
    }
  }

  private protocolError(id: RequestId, code: number, message: string): void {
    this.log('warning', `${this.name}: protocol error from ${this.transport.description}: ${message}`);
    this.tryWrite(errorReply(id, code, message));
  }

  /** Closes the connection: pending calls fail with {@link IpcDisconnectedError}, running handlers are aborted. */
  close(): void {
    this.transport.close();
    // A transport reports its close asynchronously; nothing may be sent or awaited from now on.
    this.onTransportClosed(undefined);
  }

  private onTransportClosed(error: Error | undefined): void {
    if (this.isClosed) {
      return;
    }
    this.isClosed = true;
    this.closeError = error;
    for (const id of [...this.pending.keys()]) {
      const call = this.settle(id);
      call?.reject(this.disconnected(`${call.method} got no reply`));
    }
    for (const controller of this.serving.values()) {
      controller.abort(new IpcDisconnectedError('the connection closed'));
    }
    this.serving.clear();
    this.resolveClosed(error);
  }

  private disconnected(what: string): IpcDisconnectedError {
    const why = this.closeError === undefined ? 'the connection is closed' : `the connection broke: ${this.closeError.message}`;
    return new IpcDisconnectedError(`${what}: ${why} (${this.transport.description})`, { cause: this.closeError });
  }
}

function errorReply(id: RequestId, code: number, message: string, data?: Record<string, Json>): Record<string, Json> {
  const error: Record<string, Json> = { code, message };
  if (data !== undefined) {
    error['data'] = data;
  }
  return { jsonrpc: '2.0', id, error };
}

function checkMethod(method: string): void {
  if (typeof method !== 'string' || method === '') {
    throw new TypeError('a channel id is a non-empty string');
  }
  if (method.startsWith('$/')) {
    throw new TypeError(`${method}: methods starting with $/ are reserved for the protocol`);
  }
}

/**
 * A window name as main accepts it (Java: `IpcSettings.checkWindowName`), so a bad one fails here rather than in main's
 * handshake. Internal: the `connect...` functions call it before they open a socket.
 */
export function checkWindowName(window: string): string {
  // eslint-disable-next-line no-control-regex
  if (typeof window !== 'string' || window.trim() === '' || window.length > 128 || /[\u0000-\u001f\u007f-\u009f]/.test(window)) {
    throw new TypeError(`a window name is 1 to 128 characters, not blank, without control characters, not ${JSON.stringify(window)}`);
  }
  return window;
}

function positive(value: number, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${what} must be a positive number of milliseconds or bytes, not ${String(value)}`);
  }
  return value;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null
    && typeof (value as { then?: unknown }).then === 'function';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function defaultLog(level: 'debug' | 'warning', message: string): void {
  if (level === 'warning') {
    console.warn(`typed-ipc: ${message}`);
  }
}
