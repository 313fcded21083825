// A main we control, for the client's tests: the other end of a pair of streams, writing raw bytes and reading what
// the renderer sends, frame by frame.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { encodeFrame, FrameDecoder } from '../src/framing.js';
import { type Connection, type ConnectOptions, connectStreams } from '../src/node.js';

export const WAIT_MS = 30_000;

/** A main that writes raw bytes and reads what the renderer sends, frame by frame. */
export class FakeMain {
  readonly toRenderer = new PassThrough();
  readonly fromRenderer = new PassThrough();
  private readonly decoder = new FrameDecoder(1 << 20);
  private readonly received: Array<Record<string, unknown>> = [];
  private waiting: Array<() => void> = [];
  readonly connection: Connection;

  constructor(options: Partial<ConnectOptions> = {}) {
    this.fromRenderer.on('data', (chunk: Buffer) => {
      for (const message of this.decoder.push(chunk)) {
        this.received.push(JSON.parse(String(message)) as Record<string, unknown>);
      }
      this.waiting.forEach((wake) => wake());
      this.waiting = [];
    });
    this.connection = connectStreams(this.toRenderer, this.fromRenderer, { name: 'victim', defaultDeadlineMs: WAIT_MS, ...options });
  }

  send(bytes: Uint8Array | string): void {
    this.toRenderer.write(typeof bytes === 'string' ? encodeFrame(bytes) : bytes);
  }

  /** The next message the renderer wrote (waits at most WAIT_MS). */
  async next(): Promise<Record<string, unknown>> {
    const deadline = Date.now() + WAIT_MS;
    while (this.received.length === 0) {
      assert.ok(Date.now() < deadline, 'the renderer wrote nothing');
      await new Promise<void>((resolve) => {
        this.waiting.push(resolve);
        setTimeout(resolve, 100);
      });
    }
    return this.received.shift() as Record<string, unknown>;
  }
}
