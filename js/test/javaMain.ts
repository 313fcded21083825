// Starts the real Java main of src/test/java (io.typedipc.js.JsTestMain) for a test, and stops it afterwards.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';

/** Generous: the machine is shared, and a JVM starts slowly there. */
export const WAIT_MS = 60_000;

function classpath(): string {
  const classes = process.env['TYPED_IPC_TEST_CLASSPATH'];
  const file = process.env['TYPED_IPC_TEST_CLASSPATH_FILE'];
  if (classes === undefined || file === undefined) {
    throw new Error('run these tests through Maven (mvn -pl js -am verify), which sets TYPED_IPC_TEST_CLASSPATH and TYPED_IPC_TEST_CLASSPATH_FILE');
  }
  return [classes, readFileSync(file, 'utf8').trim()].join(delimiter);
}

export function startJava(...args: string[]): ChildProcessWithoutNullStreams {
  const java = process.env['TYPED_IPC_TEST_JAVA'] ?? 'java';
  const child = spawn(java, ['-cp', classpath(), 'io.typedipc.js.JsTestMain', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(`[java] ${chunk.toString()}`));
  return child;
}

/** Waits for the child to exit (within WAIT_MS); kills it otherwise. */
export function exited(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  if (child.exitCode !== null) {
    return Promise.resolve(child.exitCode);
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), WAIT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

export interface SocketsMain {
  readonly child: ChildProcessWithoutNullStreams;
  readonly tcp: string;
  readonly unix: string;
  readonly tcpToken: string;
  readonly unixToken: string;
  stop(): Promise<void>;
}

/** Starts the main in `sockets` mode and reads its addresses and tokens. */
export async function startSocketsMain(): Promise<SocketsMain> {
  const folder = mkdtempSync(join(tmpdir(), 'typed-ipc-js-'));
  const child = startJava('sockets', folder);
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the Java main printed no addresses')), WAIT_MS);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`the Java main exited with ${code}`)));
  });
  const info = JSON.parse(first) as { tcp: string; unix: string; tcpToken: string; unixToken: string };
  return {
    child,
    ...info,
    async stop() {
      child.stdin.end();
      await exited(child);
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it returns true, failing after WAIT_MS. */
export async function eventually(what: string, check: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + WAIT_MS;
  while (!(await check())) {
    if (Date.now() > end) {
      throw new Error(`${what} did not happen within ${WAIT_MS} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
