/**
 * Node.js transports: a renderer process's own stdin/stdout (main launched it), any pair of byte streams, and Unix
 * domain sockets or TCP loopback (main listens; the renderer proves itself with the token). Import from
 * `@typed-ipc/client/node`; the browser entry point (`@typed-ipc/client`) has none of this.
 */
import { isIP } from 'node:net';
import * as net from 'node:net';
import type { Readable, Writable } from 'node:stream';
import { Connection, type ConnectionOptions, checkWindowName } from './connection.js';
import { IpcError } from './errors.js';
import { encodeFrame, FrameDecoder, FramingError, InvalidBody } from './framing.js';
import {
  DEFAULT_MAX_MESSAGE_BYTES,
  DEFAULT_MAX_QUEUED_BYTES,
  type MessageTransport,
  ReceiverSlot,
  type TransportLimits,
  type TransportReceiver,
} from './transport.js';

/** The environment variables main's `SocketServer.environment()` sets for a renderer process. */
export const ADDRESS_ENV = 'TYPED_IPC_ADDRESS';
export const TOKEN_ENV = 'TYPED_IPC_TOKEN';
/** How long the renderer waits for main's handshake reply (as the Java runtime). */
export const HANDSHAKE_TIMEOUT_MS = 10_000;

/** Options of every `connect...` function: the connection's and the transport's. */
export interface ConnectOptions extends ConnectionOptions, TransportLimits {}

/**
 * LSP-framed messages over a readable and a writable byte stream. The output's own buffer is the outgoing queue:
 * when more than `maxQueuedBytes` wait in it (the peer stopped reading), the transport closes with an error.
 */
export class StreamTransport implements MessageTransport {
  readonly description: string;
  private readonly input: Readable;
  private readonly output: Writable;
  private readonly maxQueuedBytes: number;
  private readonly decoder: FrameDecoder;
  private readonly slot = new ReceiverSlot();
  private readonly writeFrame: (frame: Uint8Array) => void;
  private closed = false;
  private readonly onData = (chunk: Buffer): void => this.receive(chunk);
  private readonly onEnd = (): void => this.finish(this.decoder.insideMessage
    ? new Error(`the stream ended inside a message (${this.description})`) : undefined);
  private readonly onError = (error: Error): void => this.finish(error);

  /**
   * @param writeFrame how to write to `output`, for a caller that took over the stream's `write` (stdio)
   */
  constructor(input: Readable, output: Writable, description: string, limits: TransportLimits = {},
    writeFrame?: (frame: Uint8Array) => void) {
    this.input = input;
    this.output = output;
    this.description = description;
    this.maxQueuedBytes = limits.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES;
    this.decoder = new FrameDecoder(limits.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES);
    this.writeFrame = writeFrame ?? ((frame) => output.write(frame));
    input.on('data', this.onData);
    input.on('end', this.onEnd);
    input.on('close', this.onEnd);
    input.on('error', this.onError);
    output.on('error', this.onError);
  }

  start(receiver: TransportReceiver): void {
    this.slot.attach(receiver);
  }

  send(message: string): void {
    if (this.closed) {
      throw new IpcError(-32004, `${this.description} is closed`);
    }
    this.writeFrame(encodeFrame(message));
    if (this.output.writableLength > this.maxQueuedBytes) {
      this.fail(new Error(`the peer stopped reading: over ${this.maxQueuedBytes} bytes queued for ${this.description}`));
    }
  }

  close(): void {
    if (this.closed) {
      return;
    }
    this.finish(undefined);
  }

  private receive(chunk: Buffer): void {
    if (this.closed) {
      return;
    }
    let messages: Array<string | InvalidBody>;
    try {
      messages = this.decoder.push(chunk);
    } catch (error) {
      if (error instanceof FramingError) {
        // Framing is lost: one error reply with id null, then close (docs/protocol.md, "Framing").
        this.writeFrame(encodeFrame(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: error.code, message: error.message } })));
      }
      this.fail(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    for (const message of messages) {
      if (this.closed) {
        return;
      }
      if (message instanceof InvalidBody) {
        // Refused on its own, as the Java reader does: the frame was whole, so the next one can still be read.
        this.writeFrame(encodeFrame(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: message.code, message: message.message } })));
        continue;
      }
      this.slot.onMessage(message);
    }
  }

  private fail(error: Error): void {
    this.finish(error);
    this.output.destroy();
  }

  private finish(error: Error | undefined): void {
    if (this.closed) {
      return;
    }
    this.closed = true;
    this.input.off('data', this.onData);
    this.input.off('end', this.onEnd);
    this.input.off('close', this.onEnd);
    this.input.off('error', this.onError);
    // Let what is queued go out, then close; an end already under way is left alone.
    if (!this.output.writableEnded && !this.output.destroyed) {
      this.output.end();
    }
    this.input.pause();
    this.input.destroy();
    this.slot.onClose(error);
  }
}

/** A renderer over any two byte streams, with no handshake (what main attached, main named). */
export function connectStreams(input: Readable, output: Writable, options: ConnectOptions): Connection {
  refuseWindow(options, 'connectStreams');
  const transport = new StreamTransport(input, output, options.name, limitsOf(options));
  return open(transport, options);
}

let stdioTaken = false;

/** Without a handshake there is nothing to carry a window in: main names it when it launches or attaches the renderer. */
function refuseWindow(options: ConnectOptions, what: string): void {
  if (options.window !== undefined) {
    throw new TypeError(`${what} has no handshake to send a window in: main names the renderer's window when it`
      + ' launches it (Java: ChildProcessTransport.launch(main, builder, name, window))');
  }
}

/**
 * The renderer of a process main launched (Java: `ChildProcessTransport.launch`): frames on stdin/stdout. From now
 * on `process.stdout.write` (and so `console.log`) goes to stderr, so a stray print cannot corrupt the frames.
 * Callable once per process.
 */
export function connectStdio(options: ConnectOptions): Connection {
  refuseWindow(options, 'connectStdio');
  if (stdioTaken) {
    throw new Error('stdio is already connected');
  }
  stdioTaken = true;
  const stdout = process.stdout;
  const writeToStdout = stdout.write.bind(stdout);
  stdout.write = process.stderr.write.bind(process.stderr) as typeof stdout.write;
  const transport = new StreamTransport(process.stdin, stdout, `stdio pid ${process.pid}`, limitsOf(options),
    (frame) => writeToStdout(frame));
  return open(transport, options);
}

/**
 * Connects to main at `address` (`unix:/path/ipc.sock` or `tcp:127.0.0.1:port`, as main's `SocketServer.address()`
 * gives it) and performs the `$/hello` handshake with `token`. Resolves once main has accepted the renderer.
 * Refuses a TCP host that is not a loopback address.
 */
export async function connectSocket(address: string, token: string, options: ConnectOptions): Promise<Connection> {
  if (options.window !== undefined) {
    checkWindowName(options.window);
  }
  const target = parseAddress(address);
  const socket = await new Promise<net.Socket>((resolve, reject) => {
    const s = net.connect(target);
    s.once('connect', () => {
      s.off('error', reject);
      resolve(s);
    });
    s.once('error', reject);
  });
  if ('port' in target) {
    socket.setNoDelay(true);
  }
  const transport = new StreamTransport(socket, socket, address, limitsOf(options));
  const connection = open(transport, options);
  await connection.hello(token, HANDSHAKE_TIMEOUT_MS);
  return connection;
}

/** {@link connectSocket} with the address and token from `TYPED_IPC_ADDRESS` and `TYPED_IPC_TOKEN`. */
export function connectFromEnvironment(options: ConnectOptions): Promise<Connection> {
  const address = process.env[ADDRESS_ENV];
  const token = process.env[TOKEN_ENV];
  if (address === undefined || token === undefined) {
    return Promise.reject(new Error(`${ADDRESS_ENV} and ${TOKEN_ENV} must both be set`));
  }
  return connectSocket(address, token, options);
}

function parseAddress(address: string): net.NetConnectOpts {
  if (typeof address !== 'string') {
    throw new TypeError('address must be a string');
  }
  if (address.startsWith('unix:')) {
    return { path: address.slice('unix:'.length) };
  }
  const match = /^tcp:(.+):([0-9]{1,5})$/.exec(address);
  if (match === null) {
    throw new TypeError(`expected unix:<path> or tcp:<host>:<port>, got ${address}`);
  }
  const host = match[1]!.replace(/^\[(.*)\]$/, '$1');
  const loopback = host === 'localhost' || (isIP(host) === 4 && host.startsWith('127.')) || host === '::1';
  if (!loopback) {
    throw new TypeError(`Typed IPC connects over TCP only to loopback addresses, not ${host}`);
  }
  return { host, port: Number(match[2]) };
}

function limitsOf(options: ConnectOptions): TransportLimits {
  const limits: TransportLimits = {};
  if (options.maxMessageBytes !== undefined) {
    limits.maxMessageBytes = options.maxMessageBytes;
  }
  if (options.maxQueuedBytes !== undefined) {
    limits.maxQueuedBytes = options.maxQueuedBytes;
  }
  return limits;
}

function open(transport: MessageTransport, options: ConnectOptions): Connection {
  const { maxQueuedBytes: _transportOnly, ...connectionOptions } = options;
  void _transportOnly;
  return new Connection(transport, connectionOptions);
}

export * from './index.js';
