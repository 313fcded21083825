// The sample's browser panel: a page main serves (--browser) that connects over WebSocket with @typed-ipc/client and
// the TypeScript generated from the sample's @Channel interfaces. A panel of the main window, like the Java panels:
//   serves   panel:status, panel:selection, asset-db:asset-changed (broadcast), builder:built (main window)
//   calls    asset-db:query-assets, asset-db:query-info, transcript:line, panel-host:ready
// Its token comes in the URL's fragment (from the launcher file main wrote; never sent to a server) and leaves the
// address bar before anything else happens. window.samplePanel tells a test driver how far it got.
import { connectWebSocket, type Connection } from '@typed-ipc/client';
import {
  AssetDb,
  AssetEvents,
  BuildEvents,
  Panel,
  PanelHost,
  declaredErrors,
  type AssetChange,
} from '../../../../target/generated-sources/typescript/index.js';
import { PanelTranscript, describeFailure } from '../shared/transcript.js';

const NAME = 'browser-panel';
/** The window the Java panels are panels of (IpcSettings.DEFAULT_MAIN_WINDOW): main's window messages reach it. */
const MAIN_WINDOW = 'main';

interface PanelState {
  state: 'connecting' | 'connected' | 'closed' | 'failed';
  lines: string[];
  error?: string;
}
declare global {
  interface Window { samplePanel: PanelState }
}
window.samplePanel = { state: 'connecting', lines: [] };

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (found === null) {
    throw new Error(`the page has no #${id}`);
  }
  return found;
}

function show(text: string, failed = false): void {
  const item = document.createElement('li');
  item.textContent = text;
  if (failed) {
    item.className = 'fail';
  }
  element('log').append(item);
  window.samplePanel.lines.push(text);
}

function setStatus(text: string): void {
  element('status').textContent = text;
}

const token = new URLSearchParams(location.hash.slice(1)).get('token');
history.replaceState(null, '', location.pathname);

let showing = 'nothing yet';

async function run(): Promise<void> {
  if (token === null || token === '') {
    throw new Error('no token: open the launcher file main printed (it holds the token), not this address');
  }
  let assetDb!: AssetDb;
  let transcript!: PanelTranscript;
  const main: Connection = await connectWebSocket(`ws://${location.host}/typed-ipc`, token, {
    name: NAME,
    window: MAIN_WINDOW,
    declaredErrors,
    // Runs before the first incoming message: main may call the moment the page is connected.
    setup: (connection) => {
      assetDb = AssetDb.client(connection);
      transcript = new PanelTranscript(connection, (line) => show(line));
      Panel.serve(connection, {
        // A page sees no process id of its own: 0.
        status: () => ({ panel: NAME, pid: 0, showing }),
        selection: () => [],
      });
      AssetEvents.serve(connection, { assetChanged: (change) => void changed(assetDb, transcript, change) });
      BuildEvents.serve(connection, {
        built: (scripts) => transcript.note(NAME, `main window got builder:built [${(scripts ?? []).join(', ')}]`),
      });
    },
  });
  window.samplePanel.state = 'connected';
  setStatus(`connected to ${location.host} as ${NAME}, a panel of the ${MAIN_WINDOW} window`);
  void main.closed.then((error) => {
    window.samplePanel.state = 'closed';
    setStatus(error === undefined ? 'main closed the connection' : `disconnected: ${error.message}`);
  });
  // Its handlers are registered: tell main it may call (main waits for this before its first request).
  PanelHost.client(main).ready(NAME);

  await listAssets(assetDb, transcript);
  // A declared error, caught as its generated class.
  const missing = 'db://assets/textures/missing.png';
  transcript.sent(NAME, 'main', `asset-db:query-info("${missing}")  [from the browser]`);
  try {
    const info = await assetDb.queryInfo(missing);
    transcript.replied('main', NAME, `unexpected: ${JSON.stringify(info)}`);
  } catch (error) {
    transcript.replied('main', NAME, describeFailure(error));
  }
}

async function listAssets(assetDb: AssetDb, transcript: PanelTranscript): Promise<void> {
  transcript.sent(NAME, 'main', 'asset-db:query-assets("db://assets/**")  [from the browser]');
  const assets = (await assetDb.queryAssets('db://assets/**')) ?? [];
  const urls = assets.map((asset) => asset?.url ?? '?');
  transcript.replied('main', NAME, `${assets.length} asset(s): [${urls.join(', ')}]`);
  shownAssets.clear();
  urls.forEach((url) => shownAssets.add(url));
  showAssets();
}

/** The urls the page lists, kept current from main's broadcasts. */
const shownAssets = new Set<string>();

function showAssets(): void {
  element('assets').replaceChildren(...[...shownAssets].sort().map((url) => {
    const item = document.createElement('li');
    item.textContent = url;
    return item;
  }));
}

async function changed(assetDb: AssetDb, transcript: PanelTranscript, change: AssetChange | null): Promise<void> {
  if (change === null) {
    return;
  }
  showing = `last change: ${change.kind} ${change.url}`;
  transcript.note(NAME, `saw ${change.kind} ${change.url}`);
  if (change.url !== null) {
    if (change.kind === 'DELETED') {
      shownAssets.delete(change.url);
    } else {
      shownAssets.add(change.url);
    }
    showAssets();
  }
  if (change.kind === 'CREATED' && change.url !== null) {
    transcript.sent(NAME, 'main', `asset-db:query-info("${change.url}")  [from the browser]`);
    try {
      const info = await assetDb.queryInfo(change.url);
      transcript.replied('main', NAME, info === null ? 'null' : `{uuid: ${info.uuid}, url: ${info.url}, size: ${info.size}}`);
    } catch (error) {
      // The asset may be gone again by now: AssetNotFoundException arrives as its generated class.
      transcript.replied('main', NAME, describeFailure(error));
    }
  }
}

run().catch((error: unknown) => {
  const text = describeFailure(error);
  show(text, true);
  setStatus('failed');
  window.samplePanel.state = 'failed';
  window.samplePanel.error = text;
});
