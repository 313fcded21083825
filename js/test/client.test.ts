// The client against a real Java main (io.typedipc.js.JsTestMain), over every Node.js transport.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  Connection,
  DeclaredError,
  IpcCancelledError,
  IpcDisconnectedError,
  IpcTimeoutError,
  NoSuchChannelError,
  NoSuchRendererError,
  RemoteError,
  connectSocket,
  connectStreams,
  type ConnectOptions,
} from '../src/node.js';
import { type SocketsMain, WAIT_MS, eventually, exited, startJava, startSocketsMain } from './javaMain.js';

class RejectedException extends DeclaredError {
  static readonly javaType = 'io.typedipc.js.RejectedException';
}

interface Point {
  x: number;
  y: number;
  label: string;
}

/** The renderer side every connection serves: js-panel:greet and js-panel:refuse. */
function options(name: string): ConnectOptions {
  return {
    name,
    declaredErrors: [RejectedException],
    defaultDeadlineMs: WAIT_MS,
    setup: (connection) => {
      connection.handle('js-panel:greet', ([who], event) => `hello ${String(who)} from ${name} (asked by ${event.senderName})`);
      connection.handle('js-panel:refuse', ([why]) => {
        throw new RejectedException(`${name} refuses: ${String(why)}`);
      });
    },
  };
}

/** The scenarios every transport runs; `connect` makes a new renderer with the given name. */
function scenarios(connect: () => Connection): void {
  it('calls a blocking channel with primitives', async () => {
    assert.equal(await connect().request('calc:add', [2, 40]), 42);
  });

  it('calls an asynchronous channel', async () => {
    assert.equal(await connect().request('calc:echo-later', ['later', 20]), 'later');
  });

  it('sends one-way messages that arrive in order, before a later request', async () => {
    const c = connect();
    const marker = `m${Date.now()}`;
    c.notify('calc:record', [`${marker}-1`]);
    c.notify('calc:record', [`${marker}-2`]);
    const recorded = await c.request<string[]>('calc:recorded');
    assert.deepEqual(recorded.filter((line) => line.includes(marker)).map((line) => line.replace(/^.*: /, '')),
      [`${marker}-1`, `${marker}-2`]);
  });

  it('sends and receives records as JSON objects', async () => {
    const mirrored = await connect().request<Point>('calc:mirror', [{ x: 3, y: -4, label: 'p' }]);
    assert.deepEqual(mirrored, { x: -3, y: 4, label: 'p mirrored' });
  });

  it('rethrows a declared error as its registered class', async () => {
    const error = await connect().request('calc:reject', ['not today']).catch((e: unknown) => e);
    assert.ok(error instanceof RejectedException, String(error));
    assert.equal(error.message, 'not today');
    assert.equal(error.javaType, 'io.typedipc.js.RejectedException');
    assert.equal(error.code, -32001);
  });

  it('gives an undeclared failure as a RemoteError with the Java type and no stack trace', async () => {
    const error = await connect().request('calc:crash', ['boom']).catch((e: unknown) => e);
    assert.ok(error instanceof RemoteError, String(error));
    assert.equal(error.code, -32000);
    assert.equal(error.remoteType, 'java.lang.IllegalStateException');
    assert.equal(error.message, 'boom');
    assert.equal(error.remoteStackTrace, undefined);
  });

  it('fails an unknown channel with NoSuchChannelError', async () => {
    await assert.rejects(connect().request('calc:no-such-thing'), NoSuchChannelError);
  });

  it('gives wrong arguments as -32602', async () => {
    const error = await connect().request('calc:add', ['two', 'three']).catch((e: unknown) => e);
    assert.ok(error instanceof RemoteError);
    assert.equal(error.code, -32602);
  });

  it('cancels a request from an AbortSignal: the caller stops waiting and main cancels the handler', async () => {
    const c = connect();
    const before = await c.request<number>('calc:cancellations');
    const controller = new AbortController();
    const call = c.request('calc:hang', [], { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('the user closed the dialog')), 50);
    const error = await call.catch((e: unknown) => e);
    assert.ok(error instanceof IpcCancelledError, String(error));
    assert.equal((error.cause as Error).message, 'the user closed the dialog');
    await eventually('main seeing the cancellation', async () => (await c.request<number>('calc:cancellations')) > before);
  });

  it('refuses to send with a signal that is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(connect().request('calc:add', [1, 2], { signal: controller.signal }), IpcCancelledError);
  });

  it('fails at its deadline with IpcTimeoutError and cancels the handler', async () => {
    const c = connect();
    const before = await c.request<number>('calc:cancellations');
    const started = Date.now();
    await assert.rejects(c.request('calc:hang', [], { deadlineMs: 200 }), IpcTimeoutError);
    assert.ok(Date.now() - started >= 190, 'not before the deadline');
    await eventually('main seeing the cancellation', async () => (await c.request<number>('calc:cancellations')) > before);
  });

  it('serves a channel main calls, and answers with the caller seen as main', async () => {
    const c = connect();
    assert.equal(await c.request('calc:ask-sender', ['ada']), `hello ada from ${c.name} (asked by main)`);
  });

  it('throws a declared error from a handler and main catches it as the Java exception', async () => {
    const c = connect();
    assert.equal(await c.request('calc:ask-sender-to-refuse', ['why not']),
      `io.typedipc.js.RejectedException: ${c.name} refuses: why not`);
  });

  it('receives a broadcast from main', async () => {
    const c = connect();
    const text = `tick ${Date.now()}`;
    const arrived = new Promise<string>((resolve) => c.once('events:tick', ([t], event) => {
      assert.equal(event.senderName, 'main');
      resolve(String(t));
    }));
    c.notify('calc:broadcast-tick', [text]);
    assert.equal(await arrived, text);
  });

  it('is known to main under its name', async () => {
    const c = connect();
    assert.match(await c.request<string>('calc:who-am-i'), new RegExp(`^${c.name}#[1-9][0-9]*$`));
  });

  it('pings main, which answers in its runtime', async () => {
    const result = await connect().ping();
    assert.equal(result.supported, true);
    assert.ok(result.roundTripMs >= 0 && result.roundTripMs < WAIT_MS, String(result.roundTripMs));
  });

  it('answers main\'s ping', async () => {
    assert.equal(await connect().request('calc:ping-sender'), 'supported');
  });

  it('answers main\'s ping behind the request main sent just before it', async () => {
    const c = connect();
    for (let i = 0; i < 10; i++) {
      assert.deepEqual(await c.request('calc:greet-then-ping-sender', [`round ${i}`]),
        [`greet: hello round ${i} from ${c.name} (asked by main)`, 'ping: supported']);
    }
  });

  it('refuses reserved and empty channel ids before sending', () => {
    const c = connect();
    assert.throws(() => c.notify('$/cancelRequest', []), TypeError);
    assert.throws(() => c.notify('', []), TypeError);
    assert.throws(() => c.handle('js-panel:greet', () => 1), /already registered/);
  });
}

describe('over the Java main\'s own stdin/stdout', () => {
  let child: ReturnType<typeof startJava>;
  let connection: Connection;
  before(() => {
    child = startJava('stdio');
    connection = connectStreams(child.stdout, child.stdin, options('node'));
  });
  after(async () => {
    connection.close();
    assert.equal(await exited(child), 0, 'main exits once its renderer closed');
  });

  scenarios(() => connection);

  it('fails pending calls with IpcDisconnectedError when main dies', async () => {
    const victim = startJava('stdio');
    const c = connectStreams(victim.stdout, victim.stdin, options('node'));
    assert.equal(await c.request('calc:add', [1, 1]), 2);
    const pending = c.request('calc:hang');
    victim.kill('SIGKILL');
    const error = await pending.catch((e: unknown) => e);
    assert.ok(error instanceof IpcDisconnectedError, String(error));
    assert.equal(await c.closed, undefined);
    await assert.rejects(c.request('calc:add', [1, 1]), IpcDisconnectedError);
  });

  it('refuses a window option: there is no handshake to carry it (main names the window when it launches)', () => {
    assert.throws(() => connectStreams(child.stdout, child.stdin, { ...options('node-2'), window: 'main' }),
      /connectStreams has no handshake to send a window in/);
  });
});

for (const kind of ['tcp', 'unix'] as const) {
  describe(`over ${kind === 'tcp' ? 'TCP loopback' : 'a Unix domain socket'} with the token handshake`, () => {
    let main: SocketsMain;
    let a: Connection;
    let b: Connection;
    const address = (): string => main[kind];
    const token = (): string => (kind === 'tcp' ? main.tcpToken : main.unixToken);
    before(async () => {
      main = await startSocketsMain();
      a = await connectSocket(address(), token(), options(`${kind}-a`));
      b = await connectSocket(address(), token(), options(`${kind}-b`));
    });
    after(async () => {
      a.close();
      b.close();
      await main.stop();
    });

    scenarios(() => a);

    it('knows its renderer id from the handshake: the one main sees it as, and others reach it by', async () => {
      assert.equal(await a.request('calc:who-am-i'), `${kind}-a#${String(a.rendererId)}`);
      assert.notEqual(a.rendererId, b.rendererId);
      assert.match(String(await b.peer(a.rendererId ?? 0).request('js-panel:greet', ['b'])), new RegExp(`from ${kind}-a`));
    });

    it('reaches another renderer through main, which sees the original sender', async () => {
      assert.equal(await a.peer(`${kind}-b`).request('js-panel:greet', ['grace']),
        `hello grace from ${kind}-b (asked by ${kind}-a)`);
    });

    it('gets a routed declared error as its class', async () => {
      const error = await a.peer(`${kind}-b`).request('js-panel:refuse', ['no']).catch((e: unknown) => e);
      assert.ok(error instanceof RejectedException, String(error));
      assert.equal(error.message, `${kind}-b refuses: no`);
    });

    it('answers a routed request back to the origin through event.sender', async () => {
      const answered = new Promise<string>((resolve) => {
        const registration = b.handle('js-panel:ping-back', async (_params, event) => {
          registration.dispose();
          assert.equal(event.routed, true);
          const greeting = await event.sender.request<string>('js-panel:greet', ['b']);
          resolve(greeting);
          return 'pong';
        });
      });
      assert.equal(await a.peer(`${kind}-b`).request('js-panel:ping-back'), 'pong');
      assert.equal(await answered, `hello b from ${kind}-a (asked by ${kind}-b)`);
    });

    it('pings another renderer through main, whose connection answers; and a Java caller routed to it', async () => {
      const result = await a.peer(`${kind}-b`).ping();
      assert.equal(result.supported, true);
      assert.ok(result.roundTripMs >= 0);
      assert.equal((await a.peer(b.rendererId ?? 0).ping()).supported, true, 'by id');
      assert.equal((await a.ping()).supported, true);
      await assert.rejects(a.peer('nobody').ping(), NoSuchRendererError);
      // b pings back the renderer that called it, through event.sender (routed through main)
      const pingedBack = new Promise<boolean>((resolve, reject) => {
        const registration = b.handle('js-panel:ping-origin', async (_params, event) => {
          registration.dispose();
          event.sender.ping().then((r) => resolve(r.supported), reject);
          return 'asked';
        });
      });
      assert.equal(await a.peer(`${kind}-b`).request('js-panel:ping-origin'), 'asked');
      assert.equal(await pingedBack, true);
    });

    it('fails a route to a renderer that is not connected with NoSuchRendererError', async () => {
      await assert.rejects(a.peer('nobody').request('js-panel:greet', ['x']), NoSuchRendererError);
    });

    it('broadcasts to the other renderers through main', async () => {
      const text = `hi ${Date.now()}`;
      const arrived = new Promise<[string, string]>((resolve) => b.once('events:tick', ([t], event) =>
        resolve([String(t), event.senderName])));
      a.broadcast('events:tick', [text], { excludeSender: true });
      assert.deepEqual(await arrived, [text, `${kind}-a`]);
    });

    it('cancels a routed request: main passes the cancellation to the target', async () => {
      const seen = new Promise<string>((resolve) => {
        const registration = b.handle('js-panel:wait', (_params, event) => {
          registration.dispose();
          return new Promise((_, reject) => event.signal.addEventListener('abort', () => {
            resolve('aborted');
            reject(new Error('stopped'));
          }));
        });
      });
      const controller = new AbortController();
      const call = a.peer(`${kind}-b`).request('js-panel:wait', [], { signal: controller.signal });
      setTimeout(() => controller.abort(), 100);
      await assert.rejects(call, IpcCancelledError);
      assert.equal(await seen, 'aborted');
    });

    it('names its window in the handshake, and gets that window\'s messages only', async () => {
      const panel = await connectSocket(address(), token(), { ...options(`${kind}-scene-panel`), window: 'scene' });
      try {
        assert.equal(panel.window, 'scene');
        assert.equal(await panel.request('calc:window-of-sender'), 'scene');
        assert.equal(await a.request('calc:window-of-sender'), '(none)');
        const ticks: string[] = [];
        a.on('events:tick', ([text]) => ticks.push(`a ${String(text)}`));
        const arrived = new Promise<string>((resolve) => panel.once('events:tick', ([text]) => resolve(String(text))));
        a.notify('calc:tick-window', ['scene', 'to the scene window']);
        assert.equal(await arrived, 'to the scene window');
        // Main handles a's messages in order and writes to a in order: a tick for a would have come before this reply.
        assert.equal(await a.request('calc:add', [1, 2]), 3);
        assert.deepEqual(ticks, []);
      } finally {
        panel.close();
      }
    });

    it('refuses a window name main would refuse, before connecting', async () => {
      for (const bad of ['', '   ', 'x'.repeat(129), 'a\nb', 'tab\there']) {
        await assert.rejects(connectSocket(address(), token(), { ...options(`${kind}-bad-window`), window: bad }),
          (error: unknown) => error instanceof TypeError && /window name/.test(error.message), JSON.stringify(bad));
      }
    });

    it('is refused with a wrong token', async () => {
      await assert.rejects(connectSocket(address(), 'not-the-token', options(`${kind}-intruder`)),
        /handshake refused: wrong or missing token/);
    });
  });
}

describe('address checks', () => {
  it('refuses a TCP host that is not loopback, before connecting', async () => {
    await assert.rejects(connectSocket('tcp:192.0.2.1:80', 't', options('x')), /only to loopback/);
    await assert.rejects(connectSocket('http://127.0.0.1:80', 't', options('x')), /expected unix/);
  });
});

describe('as a child process main launched, over its own stdin/stdout (connectStdio)', () => {
  it('calls, serves and keeps stray prints off the frames', async () => {
    const script = new URL('../fixtures/stdio-renderer.js', import.meta.url).pathname;
    const child = startJava('launch', process.execPath, script);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    assert.equal(await exited(child), 0);
    const lines = output.trim().split('\n');
    // main's $/welcome told the child its renderer id: the one main sees it as
    const welcomed = /^stdio-child: id=(\d+) seen as stdio-child#(\d+)$/.exec(lines[2] ?? '');
    assert.ok(welcomed !== null && welcomed[1] === welcomed[2], lines[2]);
    assert.deepEqual([lines[0], lines[1], lines[3]], [
      'stdio-child: sum=42',
      'stdio-child: greeting=hello main from the child',
      'stdio-child: rejected=no',
    ]);
  });
});
