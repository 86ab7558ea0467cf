import { describe, expect, it } from 'vitest';
import {
  LineAssembler,
  MAX_LINE_CHARS,
  encodeRequest,
  parseDongleLine,
  splitObjects,
  toyCommand,
} from '../../../../server-embedded/hardware/lovense-dongle/messages.js';
import { hidReports } from '../../../../server-embedded/hardware/lovense-dongle/hid-link.js';

describe('Lovense dongle wire format', () => {
  it('encodes requests with type, func, id, cmd in that order', () => {
    expect(encodeRequest(toyCommand('ab12', 'Vibrate:20;'))).toBe(
      '{"type":"toy","func":"command","id":"ab12","cmd":"Vibrate:20;"}',
    );
    expect(encodeRequest({ type: 'usb', func: 'stopSearch' })).toBe('{"type":"usb","func":"stopSearch"}');
    // Command text is JSON-escaped, never spliced raw into the line.
    expect(JSON.parse(encodeRequest(toyCommand('x', 'a"b\\c'))).cmd).toBe('a"b\\c');
  });

  it('parses answers, several objects on one line, and names what is wrong with bad ones', () => {
    const { messages, errors } = parseDongleLine(
      '{"type":"toy","func":"toyData","data":{"id":"ab12","data":"s85;"}}{"type":"toy","func":"search","result":205} junk {"type":"toy","func":"status","data":{"status":"x"}}',
    );
    expect(messages).toEqual([
      { type: 'toy', func: 'toyData', data: { id: 'ab12', data: 's85;' } },
      { type: 'toy', func: 'search', result: 205 },
    ]);
    expect(errors.map((e) => e.message)).toEqual([
      'not JSON: junk',
      '"status" must be a number, got "x": {"type":"toy","func":"status","data":{"status":"x"}}',
    ]);
    expect(parseDongleLine('[1,2]').errors[0]!.message).toBe('not a JSON object: [1,2]');
    expect(parseDongleLine('{"type":"toy","func":"x","data":[]}').errors[0]!.message).toMatch(
      /^"data" must be an object/,
    );
  });

  it('splits objects without being fooled by braces inside strings', () => {
    expect(splitObjects('{"a":"}{"}{"b":1}')).toEqual(['{"a":"}{"}', '{"b":1}']);
    expect(splitObjects('{"a":"\\"}"}')).toEqual(['{"a":"\\"}"}']);
    expect(splitObjects('{"open":')).toEqual(['{"open":']);
  });

  it('reassembles lines across chunks and drops a line that never ends', () => {
    const dropped: number[] = [];
    const lines = new LineAssembler((n) => dropped.push(n));
    expect(lines.push('{"a":')).toEqual([]);
    expect(lines.push('1}\r\n\n{"b"')).toEqual(['{"a":1}']);
    expect(lines.push(':2}\n')).toEqual(['{"b":2}']);
    expect(lines.push('x'.repeat(MAX_LINE_CHARS + 1))).toEqual([]);
    expect(dropped).toEqual([MAX_LINE_CHARS + 1]);
    expect(lines.push('{"c":3}\n')).toEqual(['{"c":3}']);
  });

  it('frames HID output as 65-byte reports: id 0, 63 text bytes, a zero last byte', () => {
    const text = `${'y'.repeat(63)}zz\r\n`;
    const reports = hidReports(text);
    expect(reports).toHaveLength(2);
    expect(reports[0]).toEqual([0, ...Buffer.from('y'.repeat(63)), 0]);
    expect(reports[1]).toEqual([0, ...Buffer.from('zz\r\n'), ...new Array(60).fill(0)]);
  });
});
