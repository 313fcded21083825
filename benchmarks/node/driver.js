'use strict';
// The vscode-jsonrpc client of the benchmark, node to node: starts server.js as a child over its stdio and, on each
// command line from the Java harness (stdin, one JSON object per line), runs a whole block of calls and answers with
// one JSON line on stdout. Timing happens here, so the Java harness adds nothing to a call:
//   {"cmd":"init","payload":{...}}            -> {"driver":pid,"server":pid}
//   {"cmd":"rt","n":N}                         -> {"times":[ns, ...]}      N blocking (awaited) echo round trips
//   {"cmd":"pl","window":W,"windows":K}        -> {"nanos":ns}             K times: W echo requests, await all
//   {"cmd":"ow","count":C,"bursts":K}          -> {"nanos":ns}             K times: C notifications, one barrier
// The end of stdin ends the server and the driver.
const path = require('path');
const readline = require('readline');
const { spawn } = require('child_process');
const rpc = require('vscode-jsonrpc/node');

const server = spawn(process.execPath, [path.join(__dirname, 'server.js')], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = rpc.createMessageConnection(
    new rpc.StreamMessageReader(server.stdout),
    new rpc.StreamMessageWriter(server.stdin));
connection.listen();

const byPosition = rpc.ParameterStructures.byPosition;
let payload = null;
let sent = 0;

async function roundTrips(n) {
    const times = new Array(n);
    for (let i = 0; i < n; i++) {
        const start = process.hrtime.bigint();
        await connection.sendRequest('bench:echo', byPosition, payload);
        times[i] = Number(process.hrtime.bigint() - start);
    }
    return { times };
}

async function pipelined(window, windows) {
    const start = process.hrtime.bigint();
    for (let k = 0; k < windows; k++) {
        const inFlight = new Array(window);
        for (let i = 0; i < window; i++) {
            inFlight[i] = connection.sendRequest('bench:echo-async', byPosition, payload);
        }
        await Promise.all(inFlight);
    }
    return { nanos: Number(process.hrtime.bigint() - start) };
}

async function oneWay(count, bursts) {
    const start = process.hrtime.bigint();
    for (let k = 0; k < bursts; k++) {
        for (let i = 0; i < count; i++) {
            connection.sendNotification('bench:sink', byPosition, payload);
        }
        sent += count;
        const handled = await connection.sendRequest('bench:barrier', byPosition);
        if (handled !== sent) {
            throw new Error('the server handled ' + handled + ' one-way messages, not ' + sent);
        }
    }
    return { nanos: Number(process.hrtime.bigint() - start) };
}

async function run(command) {
    switch (command.cmd) {
        case 'init':
            payload = command.payload;
            return { driver: process.pid, server: server.pid };
        case 'rt':
            return roundTrips(command.n);
        case 'pl':
            return pipelined(command.window, command.windows);
        case 'ow':
            return oneWay(command.count, command.bursts);
        default:
            throw new Error('unknown command ' + command.cmd);
    }
}

// Commands run one at a time, in order.
let queue = Promise.resolve();
const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
    queue = queue.then(() => run(JSON.parse(line)))
        .then((answer) => process.stdout.write(JSON.stringify(answer) + '\n'))
        .catch((error) => process.stdout.write(JSON.stringify({ error: String(error && error.stack || error) }) + '\n'));
});
lines.on('close', () => {
    queue.then(() => {
        connection.dispose();
        server.stdin.end();
    });
});
server.on('exit', () => process.exit(0));
