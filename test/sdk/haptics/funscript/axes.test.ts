import { describe, expect, it } from 'vitest';
import { axisFromFileName, axisFromName, outputKindOfAxis, parseScriptSet } from '../../../../sdk/index.js';

const file = (pos: number) =>
  JSON.stringify({
    actions: [
      { at: 0, pos },
      { at: 100, pos: 100 - pos },
    ],
  });

describe('axis naming', () => {
  it('maps TCode ids and human names', () => {
    expect(axisFromName('r1')).toBe('R1');
    expect(axisFromName('twist')).toBe('R0');
    expect(axisFromName('Surge')).toBe('L1');
    expect(axisFromName('suck')).toBe('A1');
    expect(axisFromName('lube')).toBe('A2');
    expect(axisFromName('wobble')).toBeUndefined();
    expect(outputKindOfAxis('R2')).toBe('position');
    expect(outputKindOfAxis('V1')).toBe('intensity');
  });

  it('reads the axis from the file name convention', () => {
    expect(axisFromFileName('movie.funscript')).toBe('L0');
    expect(axisFromFileName('/x.y/movie.roll.funscript')).toBe('R1');
    expect(axisFromFileName('movie.pitch.funscript')).toBe('R2');
    expect(axisFromFileName('movie.twist.funscript')).toBe('R0');
    expect(axisFromFileName('movie.surge.funscript')).toBe('L1');
    expect(axisFromFileName('movie.sway.funscript')).toBe('L2');
    expect(axisFromFileName('movie.suck.funscript')).toBe('A1');
    expect(axisFromFileName('movie.V0.funscript')).toBe('V0');
    expect(axisFromFileName('my.movie.funscript')).toBe('L0');
  });
});

describe('parseScriptSet', () => {
  it('collects suffix files into one set by axis', () => {
    const set = parseScriptSet({
      'movie.funscript': JSON.stringify({ actions: [{ at: 0, pos: 0 }], metadata: { title: 'm' } }),
      'movie.roll.funscript': file(10),
      'movie.pitch.funscript': file(20),
      'movie.twist.funscript': file(30),
      'movie.surge.funscript': file(40),
      'movie.sway.funscript': file(50),
      'movie.suck.funscript': file(60),
    });
    expect(Object.keys(set.tracks).sort()).toEqual(['A1', 'L0', 'L1', 'L2', 'R0', 'R1', 'R2']);
    expect(set.tracks.R1!.keyframes[0]!.value).toBeCloseTo(0.1);
    expect(set.tracks.A1!.axis).toBe('A1');
    expect(set.metadata).toEqual({ title: 'm' });
  });

  it('names the file and path of a bad action, and refuses two files for one axis', () => {
    expect(() => parseScriptSet({ 'm.roll.funscript': '{"actions":[{"at":0,"pos":"x"}]}' })).toThrow(
      /m\.roll\.funscript\.actions\[0\]\.pos: must be a number/,
    );
    expect(() => parseScriptSet({ 'm.roll.funscript': file(1), 'm.R1.funscript': file(2) })).toThrow(
      /m\.R1\.funscript and m\.roll\.funscript both drive axis R1/,
    );
  });
});
