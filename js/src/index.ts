/**
 * `@typed-ipc/client`: a renderer's connection to a Typed IPC Java main. This entry point runs in browsers and in
 * Node.js (WebSocket); the Node.js byte-stream transports are in `@typed-ipc/client/node`.
 */
export {
  Connection,
  PROTOCOL,
  type BroadcastOptions,
  type CallOptions,
  type ConnectionOptions,
  type IpcEvent,
  type Json,
  type MessageListener,
  type Peer,
  type PingResult,
  type Registration,
  type RequestHandler,
} from './connection.js';
export {
  DeclaredError,
  ErrorCodes,
  HandshakeError,
  IpcCancelledError,
  IpcDisconnectedError,
  IpcError,
  IpcTimeoutError,
  NoSuchChannelError,
  NoSuchRendererError,
  RemoteError,
  type DeclaredErrorClass,
} from './errors.js';
export { ReceiverSlot, type MessageTransport, type TransportLimits, type TransportReceiver } from './transport.js';
export {
  connectWebSocket,
  WebSocketTransport,
  WEBSOCKET_HANDSHAKE_TIMEOUT_MS,
  type WebSocketConnectOptions,
  type WebSocketLike,
} from './websocket.js';
