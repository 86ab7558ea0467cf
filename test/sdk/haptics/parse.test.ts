import { describe, expect, it } from 'vitest';
import { parsePattern, PlugkitError } from '../../../sdk/index.js';

const errorOf = (json: unknown): PlugkitError => {
  try {
    parsePattern(json);
  } catch (err) {
    expect(err).toBeInstanceOf(PlugkitError);
    return err as PlugkitError;
  }
  throw new Error('expected parsePattern to throw');
};

describe('parsePattern', () => {
  it('reads the core contract and every track kind', () => {
    const p = parsePattern({
      version: 1,
      name: 'all kinds',
      timeScale: 2,
      gain: 0.5,
      loop: 'forever',
      tracks: [
        {
          keyframes: [
            { at: 0, value: 0 },
            { at: 500, value: 1, ease: 'easeInOut' },
            { at: 900, value: 0.2, ease: { cubicBezier: [0.4, 0, 0.2, 1] } },
          ],
        },
        {
          output: 'Rotate',
          keyframes: [
            { at: 0, value: -1 },
            { at: 100, value: 1 },
          ],
          loop: 3,
        },
        {
          waveform: { shape: 'sine', frequency: 4, duration: 1000, envelope: { attack: 100, release: 200 } },
          blend: 'multiply',
        },
        {
          transients: [
            { at: 0, value: 1 },
            { at: 200, value: 0.5, duration: 20 },
          ],
          holdMs: 100,
          motor: 1,
        },
        {
          output: 'HwPositionWithDuration',
          sequence: [
            {
              keyframes: [
                { at: 0, value: 0 },
                { at: 300, value: 1 },
              ],
            },
          ],
        },
      ],
    });
    expect(p.tracks).toHaveLength(5);
    expect(p.loop).toBe('forever');
    expect(p.tracks[3]).toMatchObject({ motor: 1, holdMs: 100 });
  });

  it('accepts JSON text', () => {
    expect(parsePattern('{"version":1,"tracks":[{"keyframes":[{"at":0,"value":1}]}]}').tracks).toHaveLength(
      1,
    );
  });

  it.each([
    [{ version: 2, tracks: [] }, /^pattern version: must be 1/],
    [{ tracks: [] }, /^pattern version:/],
    [{ version: 1 }, /^pattern tracks: must be an array/],
    [
      {
        version: 1,
        tracks: [
          {
            keyframes: [
              { at: 0, value: 0 },
              { at: 10, value: 1 },
              { at: 'x', value: 1 },
            ],
          },
        ],
      },
      /^pattern tracks\[0\]\.keyframes\[2\]\.at: must be a number; got "x"/,
    ],
    [
      {
        version: 1,
        tracks: [
          {
            keyframes: [
              { at: 0, value: 0 },
              { at: 10, value: 1 },
              { at: 5, value: 1 },
            ],
          },
        ],
      },
      /^pattern tracks\[0\]\.keyframes\[2\]\.at: must not be earlier/,
    ],
    [
      { version: 1, tracks: [{ keyframes: [{ at: 0, value: 1.5 }] }] },
      /tracks\[0\]\.keyframes\[0\]\.value: must be from 0 to 1; got 1.5/,
    ],
    [
      { version: 1, tracks: [{ keyframes: [{ at: 0, value: -0.5 }] }] },
      /tracks\[0\]\.keyframes\[0\]\.value: must be from 0 to 1/,
    ],
    [{ version: 1, tracks: [{ keyframe: [] }] }, /^pattern tracks\[0\]: needs one of/],
    [
      { version: 1, tracks: [{ keyframes: [{ at: 0, value: 0 }], wat: 1 }] },
      /^pattern tracks\[0\]\.wat: is not a known field/,
    ],
    [
      { version: 1, tracks: [{ waveform: { shape: 'blip', frequency: 1, duration: 5 } }] },
      /tracks\[0\]\.waveform\.shape: must be one of "sine"/,
    ],
    [
      {
        version: 1,
        tracks: [{ waveform: { shape: 'sine', frequency: 1, duration: 5, envelope: { sustain: 2 } } }],
      },
      /tracks\[0\]\.waveform\.envelope\.sustain: must be from 0 to 1/,
    ],
    [
      { version: 1, tracks: [{ output: 'Wiggle', keyframes: [{ at: 0, value: 0 }] }] },
      /tracks\[0\]\.output: must be one of "intensity"/,
    ],
    [
      { version: 1, tracks: [{ sequence: [{ keyframes: [{ at: 0, value: 0, ease: 'bouncy' }] }] }] },
      /tracks\[0\]\.sequence\[0\]\.keyframes\[0\]\.ease: must be one of/,
    ],
    [
      { version: 1, tracks: [{ keyframes: [{ at: 0, value: 0 }], loop: 0 }] },
      /tracks\[0\]\.loop: must be a whole number ≥ 1 or "forever"/,
    ],
    [
      { version: 1, tracks: [{ transients: [{ at: 0, value: 1, duration: 0 }] }] },
      /tracks\[0\]\.transients\[0\]\.duration: must be at least 1/,
    ],
    [
      { version: 1, tracks: [{ keyframes: [{ at: 0, value: 0 }], waveform: {} }] },
      /tracks\[0\]: has both "keyframes" and "waveform"/,
    ],
    ['{"version":1,', /^pattern is not valid JSON/],
    [[1, 2], /^pattern \(root\): must be an object/],
  ])('refuses %j with the path of the bad field', (json, message) => {
    const err = errorOf(json);
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.reason).toBe('BadPattern');
    expect(err.message).toMatch(message);
  });

  it('allows signed values on Rotate tracks only', () => {
    expect(() =>
      parsePattern({ version: 1, tracks: [{ output: 'Rotate', keyframes: [{ at: 0, value: -0.5 }] }] }),
    ).not.toThrow();
  });
});

describe('pattern.schema.json', () => {
  it('names the same output kinds, eases and shapes as the parser', async () => {
    const { readFileSync } = await import('node:fs');
    const { OUTPUT_TYPES } = await import('../../../sdk/index.js');
    const schema = JSON.parse(
      readFileSync(new URL('../../../sdk/haptics/pattern.schema.json', import.meta.url), 'utf8'),
    );
    expect(schema.$defs.common.output.enum).toEqual(['intensity', ...OUTPUT_TYPES]);
    expect(schema.properties.version).toEqual({ const: 1 });
    const eases: string[] = schema.$defs.ease.oneOf[0].enum;
    for (const ease of eases)
      expect(() =>
        parsePattern({ version: 1, tracks: [{ keyframes: [{ at: 0, value: 0, ease }] }] }),
      ).not.toThrow();
    const shapes: string[] = schema.$defs.track.oneOf[1].properties.waveform.properties.shape.enum;
    for (const shape of shapes)
      expect(() =>
        parsePattern({ version: 1, tracks: [{ waveform: { shape, frequency: 1, duration: 10 } }] }),
      ).not.toThrow();
  });
});
