// A renderer written against the generated TypeScript: tsc --strict checks it against the Java interfaces.
import type { Connection, IpcEvent } from '@typed-ipc/client';
import {
  type Block,
  type Colour,
  type com_example_notes_data_Note as Note,
  type com_example_notes_legacy_Note as LegacyNote,
  type Filter,
  NoSuchNoteException,
  Notes,
  NotesPanel,
  type NotesPanelHandler,
  type Page_Note,
  ReadOnlyException,
  declaredErrors,
} from '../../target/generated-sources/typescript/index.js';

/** The renderer-side interface, implemented as a class: its methods are the Java ones, returning promises. */
class Panel implements NotesPanel {
  shown: Note[] = [];

  async selection(): Promise<string | null> {
    throw new ReadOnlyException('nothing selected');
  }

  show(note: Note | null): void {
    if (note !== null) {
      this.shown.push(note);
    }
  }
}

/** The same, as a handler that answers plainly and looks at who asked. */
const handler: NotesPanelHandler = {
  selection: (event: IpcEvent) => `selected by ${event.senderName}`,
  show: () => {},
};

function describe(block: Block): string {
  if (Array.isArray(block)) {
    const [tag, rule] = block; // an enum variant: [tag, constant]
    return `${tag}:${rule === 'THIN' ? 'thin' : 'thick'}`;
  }
  switch (block['@type']) {
    case 'Text':
      return block.text ?? '';
    case 'Image':
      return `image of ${block.png?.length ?? 0} base64 characters at ${block.scale}`;
  }
}

export async function run(connection: Connection): Promise<string[]> {
  const notes: Notes = Notes.client(connection);
  const quick = Notes.client(connection, { deadlineMs: 500 });
  const colour: Colour = 'light-blue';
  const note: Note = {
    id: 'n1', text: 'hello', tags: [{ name: 'a', uses: 1 }], created: '2026-12-01T12:00:00Z',
    blocks: [{ '@type': 'Text', text: 'hi' }, ['Rule', 'THICK'], { '@type': 'Image', png: 'iVBORw0=', scale: 2 }],
    colour,
  };
  const filter: Filter = { text: null, flags: { archived: false } };
  const page: Page_Note | null = await notes.find(filter, 0);
  const saved: Note | null = await notes.save(note, null);
  const tags = await quick.tagsByFolder();
  const compacted: void = await notes.compact();
  notes.touch('n1', Date.now());
  const legacy: LegacyNote | null = await notes.legacy('n1');
  const lines = [String(page?.total), String(saved?.id), Object.keys(tags ?? {}).join(','), String(compacted),
    String(legacy?.title), String(declaredErrors.length), ...note.blocks!.map((b) => (b === null ? '' : describe(b)))];
  try {
    await notes.get('missing');
  } catch (error) {
    if (error instanceof NoSuchNoteException) {
      lines.push(`${error.javaType}: ${error.message}`);
    }
  }
  const registration = NotesPanel.serve(connection, new Panel());
  registration.dispose();
  NotesPanel.serve(connection, handler);
  lines.push(Notes.channels.save, String(Notes.errors.length));
  return lines;
}
