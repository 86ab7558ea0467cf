import { describe, expect, it } from 'vitest';
import { PlugkitError, parseFunscript } from '../../../../sdk/index.js';

const errorOf = (f: () => unknown): PlugkitError => {
  try {
    f();
  } catch (err) {
    if (err instanceof PlugkitError) return err;
    throw err;
  }
  throw new Error('expected a PlugkitError');
};

describe('parseFunscript', () => {
  it('keeps the fields as written and normalizes the stroke track', () => {
    const s = parseFunscript(
      JSON.stringify({
        version: '1.0',
        inverted: false,
        range: 100,
        metadata: { title: 'T', creator: 'me', chapters: [{ name: 'a' }] },
        actions: [
          { at: 0, pos: 0 },
          { at: 500, pos: 100 },
          { at: 1000.5, pos: 25 },
        ],
      }),
    );
    expect(s.version).toBe('1.0');
    expect(s.metadata).toEqual({ title: 'T', creator: 'me', chapters: [{ name: 'a' }] });
    expect(s.actions).toEqual([
      { at: 0, pos: 0 },
      { at: 500, pos: 100 },
      { at: 1000.5, pos: 25 },
    ]);
    expect(s.tracks.L0!.keyframes.map((k) => k.value)).toEqual([0, 1, 0.25]);
  });

  it('applies inverted and a centred range to the tracks only', () => {
    const s = parseFunscript({
      inverted: true,
      range: 90,
      actions: [
        { at: 0, pos: 0 },
        { at: 10, pos: 100 },
      ],
    });
    expect(s.actions[0]).toEqual({ at: 0, pos: 0 });
    expect(s.tracks.L0!.keyframes.map((k) => +k.value.toFixed(3))).toEqual([0.95, 0.05]);
    expect(parseFunscript({ actions: [] }).range).toBe(100);
  });

  it.each([
    [
      {
        actions: [
          { at: 0, pos: 0 },
          { at: 0, pos: 5 },
        ],
      },
      '$.actions[1].at',
      /duplicates/,
    ],
    [
      {
        actions: [
          { at: 10, pos: 0 },
          { at: 5, pos: 5 },
        ],
      },
      '$.actions[1].at',
      /must be sorted/,
    ],
    [{ actions: [{ at: 0, pos: 101 }] }, '$.actions[0].pos', /0 to 100/],
    [{ actions: [{ at: 0, pos: -1 }] }, '$.actions[0].pos', /0 to 100/],
    [{ actions: [{ at: '5', pos: 1 }] }, '$.actions[0].at', /must be a number/],
    [{ actions: [{ at: 5, pos: null }] }, '$.actions[0].pos', /must be a number/],
    [{ actions: [{ at: -5, pos: 1 }] }, '$.actions[0].at', /≥ 0/],
    [{ actions: 'x' }, '$.actions', /array/],
    [{}, '$.actions', /missing/],
    [{ actions: [], inverted: 'yes' }, '$.inverted', /true or false/],
    [{ actions: [], range: 150 }, '$.range', /0 to 100/],
    [{ actions: [], metadata: 3 }, '$.metadata', /object/],
    [
      { actions: [], axes: [{ id: 'R0', actions: [{ at: 1, pos: 200 }] }] },
      '$.axes[0].actions[0].pos',
      /0 to 100/,
    ],
  ])('rejects %j naming %s', (json, path, what) => {
    const err = errorOf(() => parseFunscript(json));
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.reason).toBe('BadFunscript');
    expect(err.message).toContain(path);
    expect(err.message).toMatch(what);
  });

  it('rejects broken JSON and non-objects with the source name', () => {
    expect(errorOf(() => parseFunscript('{', { source: 'a.funscript' })).message).toMatch(
      /a\.funscript: is not valid JSON/,
    );
    expect(errorOf(() => parseFunscript([])).message).toMatch(/\$: must be a JSON object/);
  });

  it('repairs only what the option documents: sort, last of duplicates wins, clamp', () => {
    const s = parseFunscript(
      {
        actions: [
          { at: 20, pos: 50 },
          { at: 10, pos: 120 },
          { at: 20, pos: 60 },
          { at: 0, pos: -3 },
        ],
      },
      { repair: true },
    );
    expect(s.actions).toEqual([
      { at: 0, pos: 0 },
      { at: 10, pos: 100 },
      { at: 20, pos: 60 },
    ]);
    // non-numbers are never repaired
    expect(() => parseFunscript({ actions: [{ at: 'x', pos: 1 }] }, { repair: true })).toThrow(
      /must be a number/,
    );
  });

  it('reads single-file multi-axis variants (axes, tracks, channels) and skips unknown names', () => {
    const s = parseFunscript({
      actions: [{ at: 0, pos: 10 }],
      axes: [
        { id: 'R0', actions: [{ at: 0, pos: 20 }] },
        { id: 'Z9', actions: [{ at: 0, pos: 1 }] },
      ],
      tracks: {
        roll: { actions: [{ at: 0, pos: 30 }], metadata: { note: 'r' } },
        sparkle: { actions: 'ignored' },
      },
      channels: { vib: { actions: [{ at: 0, pos: 40 }] } },
    });
    expect(Object.keys(s.tracks).sort()).toEqual(['L0', 'R0', 'R1', 'V0']);
    expect(s.tracks.R1!.metadata).toEqual({ note: 'r' });
    expect(s.tracks.V0!.keyframes[0]!.value).toBeCloseTo(0.4);
    expect(() =>
      parseFunscript({ actions: [], axes: [{ id: 'R0', actions: [] }], tracks: { twist: { actions: [] } } }),
    ).toThrow(/\$\.tracks\.twist: drives axis R0 a second time/);
  });
});
