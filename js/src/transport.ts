/**
 * What a connection needs from a transport: whole JSON-RPC messages as text, in order, both ways. Byte-stream
 * transports (Node stdio, TCP, Unix sockets) add and strip the LSP framing; a WebSocket carries one message per text
 * message. Write your own to carry Typed IPC over anything else (a `MessagePort`, Electron's IPC, ...).
 */
export interface MessageTransport {
  /** A short description for errors and logs, such as `"tcp:127.0.0.1:40123"`. */
  readonly description: string;

  /**
   * Starts delivering incoming messages to `receiver`; called once, by the connection. Messages that arrive before
   * are kept and delivered first.
   */
  start(receiver: TransportReceiver): void;

  /**
   * Sends one message. Throws if the transport is closed. A transport whose peer stops reading closes itself once
   * its bound on queued outgoing bytes is passed (the connection then fails every pending request).
   */
  send(message: string): void;

  /** Closes the transport; the receiver's `onClose` follows once. Closing twice does nothing. */
  close(): void;
}

/** Receives what arrives on a transport. */
export interface TransportReceiver {
  /** One whole JSON-RPC message. */
  onMessage(message: string): void;

  /**
   * The transport is closed: `error` is undefined for an orderly close, else what broke it. Called once. A transport
   * that knows it is breaking the protocol (a framing error) sends its error reply before closing.
   */
  onClose(error?: Error): void;
}

/** Bounds shared by every transport of this package; the defaults are the Java runtime's `WireLimits`. */
export interface TransportLimits {
  /** The largest message, in UTF-8 bytes, either way (default 16 MiB). */
  maxMessageBytes?: number;
  /** Outgoing bytes a transport may hold for a peer that does not read, before it closes (default 64 MiB). */
  maxQueuedBytes?: number;
}

export const DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_QUEUED_BYTES = 64 * 1024 * 1024;

/** Keeps what arrives before {@link MessageTransport.start}, then hands over in order: for transport authors. */
export class ReceiverSlot implements TransportReceiver {
  private receiver: TransportReceiver | undefined;
  private early: string[] = [];
  private closedEarly: { error: Error | undefined } | undefined;

  attach(receiver: TransportReceiver): void {
    if (this.receiver !== undefined) {
      throw new Error('transport already started');
    }
    this.receiver = receiver;
    const early = this.early;
    this.early = [];
    for (const message of early) {
      receiver.onMessage(message);
    }
    if (this.closedEarly !== undefined) {
      receiver.onClose(this.closedEarly.error);
    }
  }

  onMessage(message: string): void {
    if (this.receiver === undefined) {
      this.early.push(message);
    } else {
      this.receiver.onMessage(message);
    }
  }

  onClose(error?: Error): void {
    if (this.receiver === undefined) {
      this.closedEarly = { error };
    } else {
      this.receiver.onClose(error);
    }
  }
}

const encoder = new TextEncoder();

/** The UTF-8 length of `text`, computed only when the text could be over `limit`. */
export function utf8LengthOver(text: string, limit: number): number | undefined {
  if (text.length * 3 <= limit) {
    return undefined;
  }
  const length = encoder.encode(text).length;
  return length > limit ? length : undefined;
}
