// A panel of the sample written in TypeScript for Node.js. Main launches it as a renderer over its stdin/stdout
// (`node node-panel.mjs`, bundled by the Maven build). Every channel, argument and reply here is typed by the
// TypeScript that typed-ipc:typescript generates from the sample's @Channel interfaces (target/generated-sources):
//   serves   panel:status, panel:selection, asset-db:asset-changed (broadcast)
//   calls    asset-db:query-assets, asset-db:query-info, transcript:line, panel-host:ready
// stdout carries the protocol: connectStdio sends stray prints to stderr.
import { connectStdio } from '@typed-ipc/client/node';
import {
  AssetDb,
  AssetEvents,
  Panel,
  PanelHost,
  declaredErrors,
  type AssetChange,
} from '../../../../target/generated-sources/typescript/index.js';
import { PanelTranscript, describeFailure } from '../shared/transcript.js';

const NAME = 'node-panel';
let showing = 'nothing yet';

const main = connectStdio({
  name: NAME,
  declaredErrors,
  // Registered before the first message is read: main may ask for the status at once.
  setup: (connection) => {
    Panel.serve(connection, {
      status: () => ({ panel: NAME, pid: process.pid, showing }),
      selection: () => [],
    });
    AssetEvents.serve(connection, { assetChanged: (change) => void changed(change) });
  },
});
const assetDb = AssetDb.client(main);
const transcript = new PanelTranscript(main);

async function changed(change: AssetChange | null): Promise<void> {
  if (change === null) {
    return;
  }
  showing = `last change: ${change.kind} ${change.url}`;
  if (change.kind !== 'CREATED' || change.url === null) {
    return;
  }
  transcript.sent(NAME, 'main', `asset-db:query-info("${change.url}")  [from TypeScript]`);
  try {
    const info = await assetDb.queryInfo(change.url);
    transcript.replied('main', NAME, info === null ? 'null' : `{uuid: ${info.uuid}, url: ${info.url}, size: ${info.size}}`);
  } catch (error) {
    // The asset may be gone again by now: AssetNotFoundException arrives as its generated class.
    transcript.replied('main', NAME, describeFailure(error));
  }
}

void main.closed.then(() => process.exit(0));
// Its handlers are registered: tell main it may call (main waits for this before its first request).
PanelHost.client(main).ready(NAME);

try {
  transcript.sent(NAME, 'main', 'asset-db:query-assets("db://assets/**")  [from TypeScript]');
  const assets = await assetDb.queryAssets('db://assets/**');
  transcript.replied('main', NAME, `${assets?.length ?? 0} asset(s): [${(assets ?? []).map((a) => a?.url ?? '?').join(', ')}]`);
} catch (error) {
  process.stderr.write(`node-panel failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
}
