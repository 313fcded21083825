// The LSP framing decoder on its own: chunk boundaries, line ends and every way framing can be lost.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeFrame, FrameDecoder, FramingError, InvalidBody, MAX_HEADER_BYTES } from '../src/framing.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('FrameDecoder', () => {
  it('decodes frames split at every byte and several frames in one chunk', () => {
    const stream = new Uint8Array([...encodeFrame('{"a":"é"}'), ...encodeFrame('[1]')]);
    const oneByOne = new FrameDecoder(1024);
    const messages: Array<string | InvalidBody> = [];
    for (const byte of stream) {
      messages.push(...oneByOne.push(new Uint8Array([byte])));
    }
    assert.deepEqual(messages, ['{"a":"é"}', '[1]']);
    assert.deepEqual(new FrameDecoder(1024).push(stream), ['{"a":"é"}', '[1]']);
  });

  it('counts Content-Length in bytes, accepts bare \\n line ends, other headers and a utf-8 Content-Type', () => {
    const decoder = new FrameDecoder(1024);
    assert.deepEqual(decoder.push(bytes('content-length: 4\nX-Other: y\nContent-Type: application/json; charset=utf8\n\n"é"')), ['"é"']);
    assert.equal(decoder.insideMessage, false);
  });

  it('knows when the stream ends inside a message', () => {
    const decoder = new FrameDecoder(1024);
    decoder.push(bytes('Content-Length: 10\r\n\r\n{"a"'));
    assert.equal(decoder.insideMessage, true);
  });

  // docs/protocol.md, "Framing": a body that is not UTF-8 is refused on its own; framing holds, the next one is read.
  const notUtf8: Array<[string, number[]]> = [
    ['an overlong form (C0 AF for /)', [0x22, 0xc0, 0xaf, 0x22]],
    ['an encoded surrogate', [0x22, 0xed, 0xa0, 0x80, 0x22]],
    ['a code point above U+10FFFF', [0x22, 0xf4, 0x90, 0x80, 0x80, 0x22]],
    ['a truncated sequence', [0x22, 0xe2, 0x82, 0x22]],
    ['a raw 00 byte', [0x22, 0x00, 0x22]],
    ['UTF-16 with a byte order mark', [0xfe, 0xff, 0x00, 0x22, 0x00, 0x22]],
  ];
  for (const [what, body] of notUtf8) {
    it(`refuses a body with ${what} and reads the next frame`, () => {
      const header = bytes(`Content-Length: ${body.length}\r\n\r\n`);
      const decoded = new FrameDecoder(1024).push(new Uint8Array([...header, ...body, ...encodeFrame('{"next":1}')]));
      assert.equal(decoded.length, 2, what);
      assert.ok(decoded[0] instanceof InvalidBody, `${what}: ${String(decoded[0])}`);
      assert.equal(decoded[1], '{"next":1}');
    });
  }

  const lost: Array<[string, string, number]> = [
    ['no Content-Length', 'X: 1\r\n\r\n{}', -32700],
    ['two Content-Length headers', 'Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}', -32700],
    ['a negative Content-Length', 'Content-Length: -1\r\n\r\n', -32700],
    ['a Content-Length of 2^63', 'Content-Length: 9223372036854775808\r\n\r\n', -32700],
    ['a Content-Length over the limit', 'Content-Length: 1025\r\n\r\n', -32600],
    ['a line without a colon', 'Content-Length 2\r\n\r\n{}', -32700],
    ['another charset', 'Content-Length: 2\r\nContent-Type: text/plain; charset=latin1\r\n\r\n{}', -32700],
    ['a header over the header limit', `X: ${'a'.repeat(MAX_HEADER_BYTES)}`, -32600],
  ];
  for (const [what, input, code] of lost) {
    it(`loses framing on ${what} (${code})`, () => {
      const error = (() => {
        try {
          new FrameDecoder(1024).push(bytes(input));
          return undefined;
        } catch (e) {
          return e;
        }
      })();
      assert.ok(error instanceof FramingError, `${what}: ${String(error)}`);
      assert.equal(error.code, code);
    });
  }
});
