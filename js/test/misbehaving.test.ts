// The client against a main that breaks the protocol: a fake main on the other end of a pair of streams. Every case
// ends in a defined error or in the message being refused on its own, and nothing waits forever.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IpcDisconnectedError, RemoteError } from '../src/node.js';
import { FakeMain } from './fakeMain.js';

const bytes = (text: string): number[] => [...new TextEncoder().encode(text)];

describe('a misbehaving main', () => {
  it('drops a reply to an id nobody waits for, and the connection goes on', async () => {
    const main = new FakeMain();
    main.send('{"jsonrpc":"2.0","id":9999,"result":"stray"}');
    main.send('{"jsonrpc":"2.0","id":"text-id","error":{"code":-32000,"message":"stray"}}');
    const answer = main.connection.request('a:b', [1]);
    const request = await main.next();
    assert.equal(request['method'], 'a:b');
    main.send(JSON.stringify({ jsonrpc: '2.0', id: request['id'], result: 'right' }));
    assert.equal(await answer, 'right');
    main.connection.close();
  });

  it('refuses a body that is not UTF-8 with -32700 and id null, and reads the next frame', async () => {
    const main = new FakeMain();
    const body = [...bytes('{"jsonrpc":"2.0","method":"x:y","params":["'), 0xc0, 0xaf, ...bytes('"]}')];
    main.send(new Uint8Array([...bytes(`Content-Length: ${body.length}\r\n\r\n`), ...body]));
    const refusal = await main.next();
    assert.equal(refusal['id'], null);
    assert.equal((refusal['error'] as Record<string, unknown>)['code'], -32700);
    const answer = main.connection.request('a:b', []);
    const request = await main.next();
    main.send(JSON.stringify({ jsonrpc: '2.0', id: request['id'], result: 7 }));
    assert.equal(await answer, 7);
    main.connection.close();
  });

  it('answers invalid JSON with -32700 and a batch with -32600, and stays open', async () => {
    const main = new FakeMain();
    main.send('{"jsonrpc":"2.0",');
    assert.equal(((await main.next())['error'] as Record<string, unknown>)['code'], -32700);
    main.send('[{"jsonrpc":"2.0","method":"x:y"}]');
    assert.equal(((await main.next())['error'] as Record<string, unknown>)['code'], -32600);
    const answer = main.connection.request('a:b', []);
    const request = await main.next();
    main.send(JSON.stringify({ jsonrpc: '2.0', id: request['id'], result: true }));
    assert.equal(await answer, true);
    main.connection.close();
  });

  it('rejects a call whose error reply is malformed with a RemoteError (-32603)', async () => {
    const main = new FakeMain();
    const answer = main.connection.request('a:b', []);
    const request = await main.next();
    main.send(JSON.stringify({ jsonrpc: '2.0', id: request['id'], error: 'boom' }));
    await assert.rejects(answer, (error: unknown) => error instanceof RemoteError && error.code === -32603);
    main.connection.close();
  });

  it('loses framing on a huge Content-Length: one error reply, then the connection closes and pending calls fail', async () => {
    const main = new FakeMain();
    const answer = main.connection.request('a:b', []);
    await main.next();
    main.send(new Uint8Array(bytes('Content-Length: 99999999999999\r\n\r\n')));
    const refusal = await main.next();
    assert.equal(refusal['id'], null);
    assert.ok(refusal['error'] !== undefined);
    await assert.rejects(answer, IpcDisconnectedError);
    assert.ok((await main.connection.closed) instanceof Error);
  });

  it('fails pending calls when main ends its output in the middle of a frame', async () => {
    const main = new FakeMain();
    const answer = main.connection.request('a:b', []);
    await main.next();
    main.toRenderer.end(new Uint8Array(bytes('Content-Length: 50\r\n\r\n{"jsonrpc"')));
    await assert.rejects(answer, IpcDisconnectedError);
    assert.ok((await main.connection.closed) instanceof Error);
  });
});
