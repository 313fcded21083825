// docs/javascript.md's type mapping, row by row, against what Jackson really writes and reads: a value of each
// generated type goes to the Java main, which decodes it (javaView says how Java saw it) and sends it back.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Connection, connectStreams } from '@typed-ipc/client/node';
import { Mapping, type Sample, type Shape, type Sparse } from '../target/generated-test-sources/typescript/index.js';
import { WAIT_MS, exited, startJava } from './javaMain.js';

const sample: Sample = {
  flag: true,
  big: 9007199254740991, // 2^53 - 1: the largest long a JavaScript number holds exactly
  price: 12.5,
  initial: 'é',
  'display-name': 'Anne', // @JsonProperty on a record component
  blob: 'AAEC/w==', // byte[] as base64
  id: '123e4567-e89b-12d3-a456-426614174000',
  created: '2024-01-02T03:04:05.123456789Z', // Instant: ISO-8601 with nanoseconds
  day: '2024-02-29',
  at: '2024-01-02T03:04:05',
  took: 'PT1H2M3.5S', // Duration: ISO-8601, not a number
  lines: ['x', null],
  colors: ['RED', 'light-blue'], // @JsonProperty on an enum constant
  numbers: [1, 2, 3],
  counts: { x: 1, y: null },
  tag: 't',
  rank: 3,
  color: 'light-blue',
  shape: { '@type': 'Square', 'side-length': 2 }, // @JsonProperty inside a sealed variant
};

const javaView = [
  'flag=true', 'big=9007199254740991', 'price=12.5', 'initial=233', 'name=Anne', 'blob=[0, 1, 2, -1]',
  'id=123e4567-e89b-12d3-a456-426614174000', 'created=1704164645.123456789', 'day=60', 'at=3', 'took=3723500',
  'lines=[x, null]', 'colors=2true', 'numbers=[1, 2, 3]', 'counts={x=1, y=null}', 'tag=Optional[t]',
  'rank=OptionalInt[3]', 'color=LIGHT_BLUE', 'shape=Square[side=2.0]',
].join(' ');

describe('the type mapping, against Jackson in the Java main', () => {
  let child: ReturnType<typeof startJava>;
  let main: Connection;

  before(() => {
    child = startJava('stdio');
    main = connectStreams(child.stdout, child.stdin, { name: 'mapping', defaultDeadlineMs: WAIT_MS });
  });

  after(async () => {
    main.close();
    await exited(child);
  });

  it('sends every row as Java reads it', async () => {
    assert.equal(await Mapping.client(main).javaView(sample), javaView);
  });

  it('receives every row in the shape its generated type says', async () => {
    assert.deepEqual(await Mapping.client(main).echo(sample), sample);
  });

  it('sends and receives an empty Optional and OptionalInt as null', async () => {
    const empty: Sample = { ...sample, tag: null, rank: null };
    assert.deepEqual(await Mapping.client(main).echo(empty), empty);
    assert.match(await Mapping.client(main).javaView(empty) ?? '', / tag=Optional\.empty rank=OptionalInt\.empty /);
  });

  it('round-trips every variant of a sealed union, the enum variant as its [tag, constant] pair', async () => {
    const shapes: Shape[] = [{ '@type': 'Circle', radius: 1.5 }, { '@type': 'Square', 'side-length': 2 }, ['Unit', 'POINT']];
    for (const shape of shapes) {
      assert.deepEqual((await Mapping.client(main).echo({ ...sample, shape }))?.shape, shape);
    }
  });

  it('leaves out what @JsonInclude(NON_NULL) leaves out: the optional properties', async () => {
    const sparse: Sparse = { a: 'x' };
    assert.deepEqual(await Mapping.client(main).sparse(sparse), sparse);
  });

  it('carries Optional<byte[]> as base64 or null, and a map with enum keys by their JSON values', async () => {
    assert.equal(await Mapping.client(main).bytes('AAEC/w=='), 'AAEC/w==');
    assert.equal(await Mapping.client(main).bytes(null), null);
    const byColor = { RED: [{ '@type': 'Circle', radius: 1 } as Shape], 'light-blue': [null] };
    assert.deepEqual(await Mapping.client(main).byColor(byColor), byColor);
  });
});
