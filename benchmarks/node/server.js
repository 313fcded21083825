'use strict';
// The vscode-jsonrpc server of the benchmark: serves the bench channels to its parent (driver.js) over stdin/stdout
// with Content-Length framing, exactly as a Node.js JSON-RPC service would. stdout carries the protocol.
const rpc = require('vscode-jsonrpc/node');

const connection = rpc.createMessageConnection(
    new rpc.StreamMessageReader(process.stdin),
    new rpc.StreamMessageWriter(process.stdout));

let sinks = 0;
connection.onRequest('bench:echo', (payload) => payload);
connection.onRequest('bench:echo-async', (payload) => payload);
connection.onNotification('bench:sink', () => {
    sinks++;
});
connection.onRequest('bench:barrier', () => sinks);
connection.onClose(() => process.exit(0));
connection.listen();
