import { describe, expect, it } from 'vitest';
import {
  ValidationError,
  arrayOf,
  exactlyOne,
  integer,
  serializeMessage,
  string,
  struct,
  type AnyMessage,
} from '../../../sdk/protocol/index.js';

const fails = (f: () => unknown): ValidationError => {
  try {
    f();
  } catch (err) {
    if (err instanceof ValidationError) return err;
    throw err;
  }
  throw new Error('expected a ValidationError');
};

describe('compiled validators', () => {
  const shape = struct(
    {
      Id: integer(1, 10),
      Items: arrayOf(struct({ Name: string }, { Kind: exactlyOne({ A: integer(0, 1) }) })),
    },
    { Note: string },
  );

  it('passes a valid value through as a fresh object', () => {
    const input = { Id: 1, Items: [{ Name: 'x', Kind: { A: 1 } }], Note: 'n' };
    const out = shape(input, 'M');
    expect(out).toEqual(input);
    expect(out).not.toBe(input);
    expect(out.Items[0]).not.toBe(input.Items[0]);
  });

  it('names the full path of a failure, however deep', () => {
    expect(fails(() => shape({ Id: 1, Items: [{ Name: 'x' }, { Name: 2 }] }, 'M')).path).toBe(
      'M.Items[1].Name',
    );
    expect(fails(() => shape({ Id: 1, Items: [{ Name: 'x', Kind: { A: 5 } }] }, 'M')).message).toBe(
      'M.Items[0].Kind.A: 5 is outside 0..1',
    );
    expect(fails(() => shape({ Id: 1, Items: [{ Name: 'x', Kind: { B: 1 } }] }, 'M')).path).toBe(
      'M.Items[0].Kind',
    );
    expect(fails(() => shape({ Id: 1, Items: [], Extra: 1 }, 'M')).path).toBe('M.Extra');
    expect(fails(() => shape({ Items: [] }, 'M')).message).toBe('M.Id: required field is missing');
    expect(fails(() => shape(JSON.parse('{"Id":1,"Items":[],"__proto__":{}}'), 'M')).path).toBe(
      'M.__proto__',
    );
  });

  it('lets errors that are not validation errors through unchanged', () => {
    const boom = new Error('boom');
    const s = struct({
      X: () => {
        throw boom;
      },
    });
    expect(() => s({ X: 1 }, 'M')).toThrow(boom);
  });
});

describe('serializeMessage', () => {
  const generic = (m: Record<string, unknown>) => {
    const { type, ...fields } = m;
    return JSON.stringify([{ [type as string]: fields }]);
  };

  it('writes fixed replies exactly as the generic path does', () => {
    for (const m of [
      { type: 'Ok', Id: 7 },
      { type: 'ScanningFinished', Id: 0 },
      { type: 'Ok', Id: 4294967295 },
      { type: 'Ok', Id: 3, Extra: undefined },
    ])
      expect(serializeMessage(m as AnyMessage)).toBe(generic(m));
  });

  it('falls back to the generic path for anything else', () => {
    for (const m of [
      { type: 'Error', Id: 1, ErrorCode: 3, ErrorMessage: 'a "quoted" \\ text' },
      { type: 'Ok', Id: 1.5 },
      { type: 'Weird "name"', Id: 1 },
      { type: 'Ok', Id: '1' },
    ])
      expect(serializeMessage(m as unknown as AnyMessage)).toBe(generic(m));
  });
});
