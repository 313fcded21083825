// The browser test's renderer: a page served by the Java main (BrowserMainServer) that connects over its WebSocket
// with @typed-ipc/client and exercises every shape. What it saw is recorded in main (browser:note) and shown on the
// page for the screenshot; window.typedIpcResult tells the driver it is done.
import { DeclaredError, IpcCancelledError, connectWebSocket, type Connection } from '@typed-ipc/client';

class RejectedException extends DeclaredError {
  static readonly javaType = 'io.typedipc.browser.RejectedException';
}

interface Point { x: number; y: number; label: string }

declare global {
  interface Window { typedIpcResult?: { ok: boolean; lines: string[]; error?: string } }
}

const lines: string[] = [];
function show(text: string, ok = true): void {
  const item = document.createElement('li');
  item.textContent = text;
  item.className = ok ? 'ok' : 'fail';
  document.getElementById('log')!.append(item);
}

async function step(connection: Connection, name: string, run: () => Promise<string>): Promise<void> {
  const value = await run();
  const line = `${name}=${value}`;
  lines.push(line);
  show(line);
  connection.notify('browser:note', [line]);
}

async function main(): Promise<void> {
  // The token comes in the URL fragment (never sent to a server) and leaves the address bar at once.
  const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
  history.replaceState(null, '', location.pathname);
  let resolveTick!: (text: string) => void;
  const tick = new Promise<string>((resolve) => { resolveTick = resolve; });
  const connection = await connectWebSocket(`ws://${location.host}/typed-ipc`, token, {
    name: 'browser-panel',
    declaredErrors: [RejectedException],
    setup: (c) => {
      c.handle('page:greet', ([who], event) => `hello ${String(who)} from the browser (asked by ${event.senderName})`);
      c.on('events:tick', ([text]) => resolveTick(String(text)));
    },
  });
  document.getElementById('status')!.textContent = `connected as ${await connection.request<string>('browser:who-am-i')}`;

  await step(connection, 'blocking', async () => String(await connection.request<number>('browser:add', [2, 40])));
  await step(connection, 'async', () => connection.request<string>('browser:echo-later', ['later', 30]));
  await step(connection, 'record', async () => JSON.stringify(await connection.request<Point>('browser:mirror', [{ x: 1, y: 2, label: 'p' }])));
  await step(connection, 'declared', async () => {
    try {
      await connection.request('browser:reject', ['not in the browser']);
      return 'no error';
    } catch (error) {
      return error instanceof RejectedException ? `RejectedException: ${error.message}` : `wrong error: ${String(error)}`;
    }
  });
  await step(connection, 'cancelled', async () => {
    const controller = new AbortController();
    const call = connection.request('browser:hang', [], { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const error = await call.catch((e: unknown) => e);
    // Main counts the handler futures it saw cancelled: wait until it has seen this one.
    for (let i = 0; i < 600 && (await connection.request<number>('browser:cancellations')) === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return `${error instanceof IpcCancelledError} main saw ${await connection.request<number>('browser:cancellations')}`;
  });
  await step(connection, 'served', () => connection.request<string>('browser:ask-page', ['main']));
  await step(connection, 'broadcast', async () => {
    connection.notify('browser:broadcast-tick', ['tick from main']);
    return tick;
  });
  document.getElementById('status')!.textContent += ' — all done';
  window.typedIpcResult = { ok: true, lines };
}

main().catch((error: unknown) => {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  show(text, false);
  document.getElementById('status')!.textContent = 'failed';
  window.typedIpcResult = { ok: false, lines, error: text };
});
