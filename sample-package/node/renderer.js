'use strict';
// A panel of the sample written in JavaScript. Main launches it as a renderer over stdin/stdout (JSON-RPC 2.0 with
// Content-Length framing, which vscode-jsonrpc speaks), and it uses the same channels as the Java panels:
//   serves   panel:status, panel:selection, asset-db:asset-changed (broadcast)
//   calls    asset-db:query-assets, asset-db:query-info, transcript:line, panel-host:ready
// stdout carries the protocol, so diagnostics go to stderr.

const rpc = require('vscode-jsonrpc/node');

const NAME = 'node-panel';
const connection = rpc.createMessageConnection(
    new rpc.StreamMessageReader(process.stdin),
    new rpc.StreamMessageWriter(process.stdout));

let showing = 'nothing yet';

function line(from, arrow, to, what) {
    const text = `${from.padEnd(10)} ${arrow} ${to.padEnd(10)} ${what}`.trimEnd();
    connection.sendNotification('transcript:line', text);
}

connection.onRequest('panel:status', () => ({ panel: NAME, pid: process.pid, showing }));
connection.onRequest('panel:selection', () => []);

connection.onNotification('asset-db:asset-changed', async (change) => {
    showing = `last change: ${change.kind} ${change.url}`;
    if (change.kind !== 'CREATED') {
        return;
    }
    line(NAME, '->', 'main', `asset-db:query-info("${change.url}")  [from JavaScript]`);
    try {
        const info = await connection.sendRequest('asset-db:query-info', change.url);
        line('main', '=>', NAME, `{uuid: ${info.uuid}, url: ${info.url}, size: ${info.size}}`);
    } catch (error) {
        // The asset may be gone again by now: a declared error arrives with its Java type in error.data.
        const type = error.data && error.data.type ? error.data.type.replace(/.*\./, '') : `code ${error.code}`;
        line('main', '=>', NAME, `${type}: ${error.message}`);
    }
});

connection.onClose(() => process.exit(0));
connection.listen();
// Its handlers are registered: tell main it may call (main waits for this before its first request).
connection.sendNotification('panel-host:ready', NAME);

(async () => {
    line(NAME, '->', 'main', 'asset-db:query-assets("db://assets/**")  [from JavaScript]');
    const assets = await connection.sendRequest('asset-db:query-assets', 'db://assets/**');
    line('main', '=>', NAME, `${assets.length} asset(s): [${assets.map((a) => a.url).join(', ')}]`);
})().catch((error) => {
    process.stderr.write(`node-panel failed: ${error.stack || error}\n`);
    process.exit(1);
});
