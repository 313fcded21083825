'use strict';
// A JSON-RPC peer written only with vscode-jsonrpc, as a Node.js program in another language would be. It is launched
// by VscodeJsonRpcInteropTest as a renderer over its stdin/stdout (Content-Length framing), serves the "node:*"
// channels, and on "node:run-scenario" calls the typed Java channels "interop:*" and reports what it got.
// Diagnostics go to stderr: stdout carries the protocol.

const rpc = require('vscode-jsonrpc/node');

const connection = rpc.createMessageConnection(
    new rpc.StreamMessageReader(process.stdin),
    new rpc.StreamMessageWriter(process.stdout));

const logged = [];
const errors = [];

connection.onNotification('node:log', (line) => {
    logged.push(line);
});
connection.onRequest('node:logged', () => logged);
connection.onRequest('node:multiply', (a, b) => a * b);
connection.onRequest('node:fail', (why) => {
    throw new rpc.ResponseError(-32050, 'node refuses: ' + why);
});

async function failureOf(promise) {
    try {
        await promise;
    } catch (error) {
        return error;
    }
    throw new Error('expected the request to fail');
}

connection.onRequest('node:run-scenario', async () => runScenario());

// Typed IPC's health check, $/ping (docs/protocol.md), sent as a peer that knows nothing of Typed IPC sends it.
connection.onRequest('node:ping-main', async () => {
    await connection.sendNotification('$/ping'); // a notification: ignored by main
    const started = Date.now();
    const noParams = JSON.stringify(await connection.sendRequest('$/ping'));
    const roundTripMillis = Date.now() - started;
    const emptyObject = JSON.stringify(await connection.sendRequest('$/ping', {}));
    const ignoredParams = JSON.stringify(await connection.sendRequest('$/ping', 'anything'));
    // The connection goes on as before.
    const added = await connection.sendRequest('interop:add', 1, 2);
    return { noParams, emptyObject, ignoredParams, roundTripMillis, added };
});

// A $/ping sent just after a request that main's handler holds: the replies arrive in the order main answers them.
connection.onRequest('node:ping-behind-hold', async (tag) => {
    const order = [];
    const held = connection.sendRequest('interop:hold', tag).then((result) => order.push('hold: ' + result));
    const pinged = connection.sendRequest('$/ping').then((result) => order.push('ping: ' + JSON.stringify(result)));
    await Promise.all([held, pinged]);
    return order;
});

connection.onRequest('node:errors', () => errors);

async function runScenario() {
    await connection.sendNotification('interop:note', 'hello from node');
    const added = await connection.sendRequest('interop:add', 2, 40);
    const upper = await connection.sendRequest('interop:upper', 'shout');
    // By-name params, as an object: {"p": {...}, "dx": 10, "dy": 20}.
    const moved = await connection.sendRequest('interop:move', rpc.ParameterStructures.byName,
        { p: { x: 1, y: 2 }, dx: 10, dy: 20 });
    // A lone object argument: vscode-jsonrpc's default sends it as the params object itself.
    const mirrored = await connection.sendRequest('interop:mirror', { x: 3, y: 4 });
    const mirroredByName = await connection.sendRequest('interop:mirror', rpc.ParameterStructures.byName,
        { p: { x: 5, y: 6 } });
    const mirroredByPosition = await connection.sendRequest('interop:mirror', rpc.ParameterStructures.byPosition,
        { x: 7, y: 8 });
    const checked = await connection.sendRequest('interop:check-name', 'good-name');
    const declared = await failureOf(connection.sendRequest('interop:check-name', 'bad name'));

    const source = new rpc.CancellationTokenSource();
    const waiting = connection.sendRequest('interop:wait-for-cancel', 'job-1', source.token);
    source.cancel();
    const cancelled = await failureOf(waiting);

    const unknown = await failureOf(connection.sendRequest('interop:no-such-channel', 1));
    return {
        added,
        upper,
        moved,
        mirrored,
        mirroredByName,
        mirroredByPosition,
        checked,
        declaredCode: declared.code,
        declaredType: declared.data && declared.data.type,
        declaredMessage: declared.message,
        cancelledCode: cancelled.code,
        unknownCode: unknown.code,
    };
}

connection.onClose(() => {
    process.stderr.write('node peer: the connection closed; exiting\n');
    process.exit(0);
});
connection.onError((error) => {
    errors.push(String(error));
    process.stderr.write('node peer: connection error ' + error + '\n');
});
connection.listen();
