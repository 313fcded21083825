// The transcript's line format, as main's Transcript writes it: "from  arrow  to  what", the names padded to 10.
import { TranscriptLines } from '../../../../target/generated-sources/typescript/index.js';
import type { Peer } from '@typed-ipc/client';

/** Formats one line exactly as io.typedipc.sample.Transcript does (`%-10s %s %-10s %s`, trailing blanks cut). */
export function formatLine(from: string, arrow: '->' | '=>' | '  ', to: string, what: string): string {
  return `${from.padEnd(10)} ${arrow} ${to.padEnd(10)} ${what}`.trimEnd();
}

/** A panel's transcript: its lines go to main (`transcript:line`), which prints them with everyone else's. */
export class PanelTranscript {
  private readonly main: TranscriptLines;

  constructor(main: Peer, private readonly onLine: (line: string) => void = () => undefined) {
    this.main = TranscriptLines.client(main);
  }

  sent(from: string, to: string, what: string): void {
    this.write(formatLine(from, '->', to, what));
  }

  replied(from: string, to: string, what: string): void {
    this.write(formatLine(from, '=>', to, what));
  }

  note(who: string, what: string): void {
    this.write(formatLine(who, '  ', '', what));
  }

  private write(line: string): void {
    this.onLine(line);
    this.main.line(line);
  }
}

/** What a reply or failure looks like in the transcript: a declared error as "Type: message", as the Java panels write it. */
export function describeFailure(error: unknown): string {
  if (error instanceof Error) {
    return `${error.name}: ${error.message}`;
  }
  return String(error);
}
