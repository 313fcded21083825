// The TypeScript typed-ipc:typescript generates from the test main's channels (src/test/java), run against that
// real Java main: the client factory, serve, declared error classes and per-client options.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Connection, IpcCancelledError, IpcTimeoutError, connectStreams } from '@typed-ipc/client/node'; // the package as its users import it, as the generated file does
import {
  Calc,
  Events,
  JsPanel,
  type JsPanelHandler,
  type Point,
  RejectedException,
  declaredErrors,
} from '../target/generated-test-sources/typescript/index.js';
import { WAIT_MS, eventually, exited, startJava } from './javaMain.js';

/** A renderer-side implementation of the Java interface JsPanel, as a class: what a TypeScript author writes. */
class Panel implements JsPanel {
  constructor(private readonly name: string) {}

  async greet(who: string | null): Promise<string | null> {
    return `hello ${String(who)} from ${this.name} (generated)`;
  }

  async refuse(why: string | null): Promise<string | null> {
    throw new RejectedException(`${this.name} refuses: ${String(why)}`);
  }
}

describe('the generated TypeScript, against the Java main over its stdin/stdout', () => {
  let child: ReturnType<typeof startJava>;
  let main: Connection;
  const ticks: string[] = [];

  before(() => {
    child = startJava('stdio');
    main = connectStreams(child.stdout, child.stdin, {
      name: 'generated',
      declaredErrors,
      defaultDeadlineMs: WAIT_MS,
      setup: (connection) => {
        JsPanel.serve(connection, new Panel('generated'));
        Events.serve(connection, { tick: (text, event) => ticks.push(`${String(text)} from ${event.senderName}`) });
      },
    });
  });

  after(async () => {
    main.close();
    await exited(child);
  });

  it('has the channel ids of the Java interface', () => {
    assert.equal(Calc.channels.add, 'calc:add');
    assert.equal(Calc.channels.echoLater, 'calc:echo-later');
    assert.equal(JsPanel.channels.refuse, 'js-panel:refuse');
    assert.deepEqual(JsPanel.errors, [RejectedException]);
    assert.deepEqual(declaredErrors, [RejectedException]);
  });

  it('calls blocking and asynchronous requests with their Java types', async () => {
    const calc: Calc = Calc.client(main);
    const sum: number = await calc.add(2, 40);
    assert.equal(sum, 42);
    assert.equal(await calc.echoLater('later', 20), 'later');
    const point: Point = { x: 3, y: -4, label: 'p' };
    assert.deepEqual(await calc.mirror(point), { x: -3, y: 4, label: 'p mirrored' });
  });

  it('sends one-way messages that arrive in order, before a later request', async () => {
    const calc = Calc.client(main);
    const marker = `g${Date.now()}`;
    const sent: void = calc.record(`${marker}-1`);
    assert.equal(sent, undefined);
    calc.record(`${marker}-2`);
    const recorded = (await calc.recorded()) ?? [];
    assert.deepEqual(recorded.filter((line) => line?.includes(marker)).map((line) => line?.replace(/^.*: /, '')),
      [`${marker}-1`, `${marker}-2`]);
  });

  it('rethrows the declared Java exception as the generated class', async () => {
    const error = await Calc.client(main).reject('not today').catch((e: unknown) => e);
    assert.ok(error instanceof RejectedException, String(error));
    assert.equal(error.message, 'not today');
    assert.equal(error.javaType, 'io.typedipc.js.RejectedException');
    assert.equal(error.code, -32001);
  });

  it('takes per-client options: a signal cancels, a deadline times out, and main sees both', async () => {
    const calc = Calc.client(main);
    const before = await calc.cancellations();
    const controller = new AbortController();
    const call = Calc.client(main, { signal: controller.signal }).hang();
    setTimeout(() => controller.abort(new Error('closed the dialog')), 50);
    await assert.rejects(call, IpcCancelledError);
    await assert.rejects(Calc.client(main, { deadlineMs: 200 }).hang(), IpcTimeoutError);
    await eventually('main seeing both cancellations', async () => (await calc.cancellations()) >= before + 2);
  });

  it('serves the renderer-side interface: main calls it, and catches its declared error as the Java exception', async () => {
    const calc = Calc.client(main);
    assert.equal(await calc.askSender('ada'), 'hello ada from generated (generated)');
    assert.equal(await calc.askSenderToRefuse('why not'), 'io.typedipc.js.RejectedException: generated refuses: why not');
  });

  it('receives a broadcast through the served one-way interface', async () => {
    const text = `tick ${Date.now()}`;
    Calc.client(main).broadcastTick(text);
    await eventually('the broadcast arriving', async () => ticks.includes(`${text} from main`));
  });

  it('refuses a second serve of one interface', () => {
    const handler: JsPanelHandler = { greet: () => 'x', refuse: () => 'y' };
    assert.throws(() => JsPanel.serve(main, handler), /already registered/);
  });

  it('registers all of an interface or nothing, and dispose removes every channel', async () => {
    const other = new Connection({ description: 'nowhere', send: () => {}, start: () => {}, close: () => {} },
      { name: 'isolated' });
    try {
      const taken = other.handle(JsPanel.channels.refuse, () => 'taken');
      assert.throws(() => JsPanel.serve(other, new Panel('isolated')), /already registered/);
      // greet was registered first and then removed again: it is free
      other.handle(JsPanel.channels.greet, () => 'free').dispose();
      taken.dispose();
      JsPanel.serve(other, new Panel('isolated')).dispose();
      // dispose removed both channels: serving again works
      JsPanel.serve(other, new Panel('isolated')).dispose();
    } finally {
      other.close();
    }
  });
});
