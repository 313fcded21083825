// $/ping in the client, against a main we control: how the connection answers main's pings, and what its own
// ping() makes of each answer main may give. (Against the real Java main: client.test.ts.)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeFrame } from '../src/framing.js';
import { IpcDisconnectedError, IpcTimeoutError, NoSuchRendererError, RemoteError } from '../src/node.js';
import { FakeMain } from './fakeMain.js';

/** Several messages in one write, so that the renderer reads them in one go. */
function together(...messages: unknown[]): Uint8Array {
  const frames = messages.map((m) => encodeFrame(JSON.stringify(m)));
  const all = new Uint8Array(frames.reduce((n, f) => n + f.length, 0));
  let at = 0;
  for (const frame of frames) {
    all.set(frame, at);
    at += frame.length;
  }
  return all;
}

describe('answering main\'s $/ping', () => {
  it('answers a request with an empty object and the same id, whatever its params', async () => {
    const main = new FakeMain();
    for (const [id, params] of [[1, undefined], ['text-id', []], [3, {}], [4, ['ignored', 1]]] as const) {
      main.send(JSON.stringify(params === undefined ? { jsonrpc: '2.0', id, method: '$/ping' }
        : { jsonrpc: '2.0', id, method: '$/ping', params }));
      assert.deepEqual(await main.next(), { jsonrpc: '2.0', id, result: {} });
    }
    main.connection.close();
  });

  it('ignores it as a notification, and never hands it to a handler', async () => {
    const logged: string[] = [];
    const main = new FakeMain({ log: (_level, message) => logged.push(message) });
    assert.throws(() => main.connection.handle('$/ping', () => 'mine'), TypeError);
    main.send(together({ jsonrpc: '2.0', method: '$/ping' }, { jsonrpc: '2.0', id: 7, method: '$/ping' }));
    assert.deepEqual(await main.next(), { jsonrpc: '2.0', id: 7, result: {} }, 'the notification got no answer');
    assert.deepEqual(logged, []);
    main.connection.close();
  });

  it('answers a ping routed through main ($/routed), for the renderer that sent it', async () => {
    const main = new FakeMain();
    main.send(JSON.stringify({ jsonrpc: '2.0', id: 11, method: '$/routed', params: { from: { id: 2, name: 'other' }, method: '$/ping', params: [] } }));
    assert.deepEqual(await main.next(), { jsonrpc: '2.0', id: 11, result: {} });
    main.connection.close();
  });

  it('answers in order behind the requests before it that were answered at once', async () => {
    const main = new FakeMain({
      setup: (c) => {
        c.handle('r:now', ([n]) => `now ${String(n)}`);
        c.handle('r:failing', () => {
          throw new Error('no');
        });
      },
    });
    main.send(together(
      { jsonrpc: '2.0', id: 1, method: 'r:now', params: [1] },
      { jsonrpc: '2.0', id: 2, method: 'r:failing', params: [] },
      { jsonrpc: '2.0', id: 3, method: 'r:now', params: [3] },
      { jsonrpc: '2.0', id: 4, method: '$/ping' },
    ));
    const ids = [];
    for (let i = 0; i < 4; i++) {
      ids.push((await main.next())['id']);
    }
    assert.deepEqual(ids, [1, 2, 3, 4]);
    main.connection.close();
  });

  it('does not wait for an asynchronous handler\'s promise (as Java does not wait for a future)', async () => {
    let finish: (value: string) => void = () => undefined;
    const main = new FakeMain({ setup: (c) => c.handle('r:later', () => new Promise<string>((resolve) => { finish = resolve; })) });
    main.send(together({ jsonrpc: '2.0', id: 1, method: 'r:later', params: [] }, { jsonrpc: '2.0', id: 2, method: '$/ping' }));
    assert.deepEqual(await main.next(), { jsonrpc: '2.0', id: 2, result: {} });
    finish('done');
    assert.deepEqual(await main.next(), { jsonrpc: '2.0', id: 1, result: 'done' });
    main.connection.close();
  });
});

describe('ping() against each answer main may give', () => {
  async function pingAnswered(answer: Record<string, unknown>, routed = false): Promise<unknown> {
    const main = new FakeMain();
    const pinged = (routed ? main.connection.peer('other') : main.connection).ping({ deadlineMs: 30_000 });
    const request = await main.next();
    if (routed) {
      assert.equal(request['method'], '$/route');
      assert.deepEqual(request['params'], { to: 'other', method: '$/ping', params: [], deadlineMillis: 30_000 });
    } else {
      assert.equal(request['method'], '$/ping');
    }
    main.send(JSON.stringify({ jsonrpc: '2.0', id: request['id'], ...answer }));
    try {
      return await pinged;
    } catch (error) {
      return error;
    } finally {
      main.connection.close();
    }
  }

  it('an object (with members or not) is a peer that supports ping, with its round trip', async () => {
    for (const result of [{}, { load: 0.5 }]) {
      const ping = await pingAnswered({ result }) as { supported: boolean; roundTripMs: number };
      assert.equal(ping.supported, true);
      assert.ok(ping.roundTripMs >= 0 && ping.roundTripMs < 30_000, String(ping.roundTripMs));
    }
  });

  it('-32601, or a result that is not an object, is a peer alive but without ping', async () => {
    for (const answer of [{ error: { code: -32601, message: 'Unhandled method $/ping' } }, { result: null },
      { result: 'pong' }, { result: [] }]) {
      assert.equal((await pingAnswered(answer) as { supported: boolean }).supported, false, JSON.stringify(answer));
    }
    assert.equal((await pingAnswered({ error: { code: -32601, message: 'Unhandled method $/routed' } }, true) as
      { supported: boolean }).supported, false, 'routed');
  });

  it('any other error rejects as a request would', async () => {
    const remote = await pingAnswered({ error: { code: -32603, message: 'broken' } });
    assert.ok(remote instanceof RemoteError && remote.code === -32603, String(remote));
    const older = await pingAnswered({ error: { code: -32602, message: '$/route cannot carry $/ping' } }, true);
    assert.ok(older instanceof RemoteError && older.code === -32602, 'an older main refusing a routed ping');
    assert.ok(await pingAnswered({ error: { code: -32002, message: 'no renderer other' } }, true) instanceof NoSuchRendererError);
  });

  it('fails at its deadline, and when the connection closes', async () => {
    const main = new FakeMain();
    await assert.rejects(main.connection.ping({ deadlineMs: 100 }), IpcTimeoutError);
    assert.equal((await main.next())['method'], '$/ping');
    assert.equal((await main.next())['method'], '$/cancelRequest');
    const pending = main.connection.ping();
    main.connection.close();
    await assert.rejects(pending, IpcDisconnectedError);
    await assert.rejects(main.connection.ping(), IpcDisconnectedError);
  });

  it('refuses a deadline that is not a positive number at once', () => {
    const main = new FakeMain();
    for (const deadlineMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(() => main.connection.ping({ deadlineMs }), RangeError);
      assert.throws(() => main.connection.peer('x').ping({ deadlineMs }), RangeError);
    }
    main.connection.close();
  });
});
