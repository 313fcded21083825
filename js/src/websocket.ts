/**
 * The browser's transport: a WebSocket to a Typed IPC main (Java: `typed-ipc-websocket`), one JSON-RPC message per
 * text message, no LSP framing. The token travels in the first message (`$/hello`), never in the URL: a browser
 * cannot set headers on a WebSocket, and URLs end up in logs and histories.
 */
import { Connection, type ConnectionOptions, checkWindowName } from './connection.js';
import { ErrorCodes, IpcDisconnectedError, IpcError } from './errors.js';
import {
  DEFAULT_MAX_MESSAGE_BYTES,
  DEFAULT_MAX_QUEUED_BYTES,
  type MessageTransport,
  ReceiverSlot,
  type TransportLimits,
  type TransportReceiver,
} from './transport.js';

/** How long the renderer waits for the socket to open and then for main's handshake reply. */
export const WEBSOCKET_HANDSHAKE_TIMEOUT_MS = 10_000;

/** The part of the WHATWG `WebSocket` the transport uses, so Node's (v22+) or a library's socket can stand in. */
export interface WebSocketLike {
  readonly readyState: number;
  readonly bufferedAmount: number;
  binaryType: string;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error' | 'message', listener: (event: never) => void): void;
}

export interface WebSocketConnectOptions extends ConnectionOptions, TransportLimits {
  /** Makes the socket; by default `new WebSocket(url)` (the browser's, or Node's global one). */
  createSocket?: (url: string) => WebSocketLike;
}

const OPEN = 1;
const NORMAL_CLOSURE = 1000;

/** A {@link MessageTransport} over an open WebSocket. */
export class WebSocketTransport implements MessageTransport {
  readonly description: string;
  private readonly socket: WebSocketLike;
  private readonly maxQueuedBytes: number;
  private readonly slot = new ReceiverSlot();
  private closed = false;

  constructor(socket: WebSocketLike, description: string, limits: TransportLimits = {}) {
    this.socket = socket;
    this.description = description;
    this.maxQueuedBytes = limits.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES;
    socket.addEventListener('message', (event: { data: unknown }) => {
      if (this.closed) {
        return;
      }
      if (typeof event.data !== 'string') {
        // Typed IPC sends text only; a binary message is a protocol violation.
        this.finish(new IpcError(ErrorCodes.INVALID_REQUEST, `a binary WebSocket message from ${description}`), 1003);
        return;
      }
      this.slot.onMessage(event.data);
    });
    socket.addEventListener('close', (event: { code: number; reason: string }) => {
      const orderly = event.code === NORMAL_CLOSURE || event.code === 1001;
      this.finish(orderly ? undefined : new IpcDisconnectedError(
        `${description} closed with code ${event.code}${event.reason ? `: ${event.reason}` : ''}`));
    });
    socket.addEventListener('error', () => this.finish(new IpcDisconnectedError(`${description} failed`)));
  }

  start(receiver: TransportReceiver): void {
    this.slot.attach(receiver);
  }

  send(message: string): void {
    if (this.closed || this.socket.readyState !== OPEN) {
      throw new IpcDisconnectedError(`${this.description} is closed`);
    }
    this.socket.send(message);
    if (this.socket.bufferedAmount > this.maxQueuedBytes) {
      this.finish(new IpcError(ErrorCodes.DISCONNECTED,
        `the peer stopped reading: over ${this.maxQueuedBytes} bytes queued for ${this.description}`), 1008);
    }
  }

  close(): void {
    this.finish(undefined);
  }

  private finish(error: Error | undefined, code = NORMAL_CLOSURE): void {
    if (this.closed) {
      return;
    }
    this.closed = true;
    try {
      this.socket.close(code);
    } catch {
      // already closing
    }
    this.slot.onClose(error);
  }
}

/**
 * Connects to main's WebSocket at `url` (`ws://127.0.0.1:port/typed-ipc`, as main's `WebSocketServer` gives it) and
 * performs the `$/hello` handshake with `token`. Resolves once main has accepted the renderer.
 */
export async function connectWebSocket(url: string, token: string, options: WebSocketConnectOptions): Promise<Connection> {
  if (options.window !== undefined) {
    checkWindowName(options.window);
  }
  const { createSocket, maxQueuedBytes, ...connectionOptions } = options;
  const socket = createSocket !== undefined ? createSocket(url) : defaultSocket(url);
  socket.binaryType = 'arraybuffer';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new IpcDisconnectedError(`${url} did not open within ${WEBSOCKET_HANDSHAKE_TIMEOUT_MS} ms`));
    }, WEBSOCKET_HANDSHAKE_TIMEOUT_MS);
    socket.addEventListener('open', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.addEventListener('close', (event: { code: number }) => {
      clearTimeout(timer);
      reject(new IpcDisconnectedError(`${url} refused the WebSocket (close code ${event.code})`));
    });
  });
  const limits: TransportLimits = { maxMessageBytes: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES };
  if (maxQueuedBytes !== undefined) {
    limits.maxQueuedBytes = maxQueuedBytes;
  }
  const connection = new Connection(new WebSocketTransport(socket, url, limits), connectionOptions);
  await connection.hello(token, WEBSOCKET_HANDSHAKE_TIMEOUT_MS);
  return connection;
}

function defaultSocket(url: string): WebSocketLike {
  const Constructor = (globalThis as { WebSocket?: new (url: string) => WebSocketLike }).WebSocket;
  if (Constructor === undefined) {
    throw new Error('this JavaScript environment has no global WebSocket; pass createSocket');
  }
  return new Constructor(url);
}
