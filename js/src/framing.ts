/**
 * The Language Server Protocol's base-protocol framing (docs/protocol.md, "Framing"): `Content-Length: n`, a blank
 * line, n bytes of UTF-8 JSON. The decoder holds at most one header block and one body, both bounded.
 */
import { ErrorCodes, IpcError } from './errors.js';

/** The largest header block a decoder reads (as the Java runtime's `WireLimits`). */
export const MAX_HEADER_BYTES = 8 * 1024;

/** Framing is lost: the decoder cannot find the next message. `code` is what the error reply carries. */
export class FramingError extends IpcError {}

const CR = 0x0d;
const LF = 0x0a;
const encoder = new TextEncoder();

/** Frames one message: its header and body as one array. */
export function encodeFrame(message: string): Uint8Array {
  const body = encoder.encode(message);
  const header = encoder.encode(`Content-Length: ${body.length}\r\n\r\n`);
  const frame = new Uint8Array(header.length + body.length);
  frame.set(header, 0);
  frame.set(body, header.length);
  return frame;
}

/**
 * A frame whose body is not UTF-8 (overlong forms, encoded surrogates, code points above U+10FFFF, truncated
 * sequences, a raw 00 byte, UTF-16 or UTF-32): refused on its own with `code` (-32700), framing holds.
 */
export class InvalidBody {
  readonly code = ErrorCodes.PARSE_ERROR;
  readonly message: string;

  constructor(message: string) {
    this.message = message;
  }
}

/** Turns chunks of a byte stream into message bodies. Not reusable after it threw. */
export class FrameDecoder {
  private readonly maxMessageBytes: number;
  // fatal: a malformed sequence is an error, never silently a U+FFFD (docs/protocol.md, "Framing": UTF-8 only).
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  /** The body length once a header block has been read; -1 while reading a header. */
  private bodyLength = -1;

  constructor(maxMessageBytes: number) {
    this.maxMessageBytes = maxMessageBytes;
  }

  /** Whether a message has begun but not ended: the end of the stream here is an error. */
  get insideMessage(): boolean {
    return this.buffered > 0 || this.bodyLength >= 0;
  }

  /**
   * Adds a chunk; returns the message bodies it completed, in order, an {@link InvalidBody} for each that is not
   * UTF-8. Throws {@link FramingError}.
   */
  push(chunk: Uint8Array): Array<string | InvalidBody> {
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    const messages: Array<string | InvalidBody> = [];
    for (;;) {
      if (this.bodyLength < 0) {
        const header = this.takeHeader();
        if (header === undefined) {
          return messages;
        }
        this.bodyLength = this.parseHeader(header);
      }
      if (this.buffered < this.bodyLength) {
        return messages;
      }
      messages.push(this.decodeBody(this.take(this.bodyLength)));
      this.bodyLength = -1;
    }
  }

  private decodeBody(body: Uint8Array): string | InvalidBody {
    if (body.includes(0)) {
      return new InvalidBody('a message body with a 00 byte is not UTF-8 JSON');
    }
    try {
      return this.decoder.decode(body);
    } catch {
      return new InvalidBody('a message body that is not UTF-8');
    }
  }

  /** The header block without its final blank line, or undefined while it is incomplete. */
  private takeHeader(): Uint8Array | undefined {
    const bytes = this.peek(Math.min(this.buffered, MAX_HEADER_BYTES + 2));
    let lineStart = 0;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] !== LF) {
        continue;
      }
      // A line ends with \r\n or a bare \n (accepted, like the Java reader); an empty line ends the block.
      const lineEnd = i > lineStart && bytes[i - 1] === CR ? i - 1 : i;
      if (lineEnd === lineStart) {
        return this.take(i + 1).subarray(0, lineStart);
      }
      lineStart = i + 1;
    }
    if (this.buffered > MAX_HEADER_BYTES) {
      throw new FramingError(ErrorCodes.INVALID_REQUEST, `a frame header over ${MAX_HEADER_BYTES} bytes`);
    }
    return undefined;
  }

  private parseHeader(block: Uint8Array): number {
    const text = new TextDecoder('utf-8').decode(block);
    let length: number | undefined;
    for (const rawLine of text.split('\n')) {
      const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
      if (line === '') {
        continue;
      }
      const colon = line.indexOf(':');
      if (colon <= 0) {
        throw new FramingError(ErrorCodes.PARSE_ERROR, `a malformed frame header line: ${JSON.stringify(line.slice(0, 80))}`);
      }
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'content-length') {
        if (length !== undefined) {
          throw new FramingError(ErrorCodes.PARSE_ERROR, 'two Content-Length headers');
        }
        if (!/^[0-9]{1,12}$/.test(value)) {
          throw new FramingError(ErrorCodes.PARSE_ERROR, `Content-Length is not a number of bytes: ${JSON.stringify(value.slice(0, 40))}`);
        }
        length = Number(value);
      } else if (name === 'content-type') {
        const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(value)?.[1]?.toLowerCase();
        if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
          throw new FramingError(ErrorCodes.PARSE_ERROR, `unsupported charset ${charset}; only utf-8`);
        }
      }
    }
    if (length === undefined) {
      throw new FramingError(ErrorCodes.PARSE_ERROR, 'a frame header without Content-Length');
    }
    if (length > this.maxMessageBytes) {
      throw new FramingError(ErrorCodes.INVALID_REQUEST, `a frame of ${length} bytes is over the limit of ${this.maxMessageBytes}`);
    }
    return length;
  }

  private peek(count: number): Uint8Array {
    if (this.chunks.length === 1 || count === 0) {
      return (this.chunks[0] ?? new Uint8Array(0)).subarray(0, count);
    }
    this.compact();
    return this.chunks[0]!.subarray(0, count);
  }

  private take(count: number): Uint8Array {
    this.compact();
    const all = this.chunks[0] ?? new Uint8Array(0);
    const taken = all.subarray(0, count);
    const rest = all.subarray(count);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered -= count;
    return taken;
  }

  private compact(): void {
    if (this.chunks.length <= 1) {
      return;
    }
    const joined = new Uint8Array(this.buffered);
    let offset = 0;
    for (const chunk of this.chunks) {
      joined.set(chunk, offset);
      offset += chunk.length;
    }
    this.chunks = [joined];
  }
}
