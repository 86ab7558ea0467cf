import { describe, expect, it } from 'vitest';
import { declaredAxis, tcodeV03 } from '../../../server-embedded/protocols/tcode-v03.js';
import type {
  HardwareCommand,
  OutputCommand,
  ProtocolContext,
  ProtocolHandler,
} from '../../../server-embedded/protocols/types.js';
import type { ResolvedFeature } from '../../../server-embedded/devices/config/database.js';

const feature = (
  index: number,
  description: string,
  type: 'HwPositionWithDuration' | 'Vibrate',
  max: number,
) =>
  ({
    index,
    id: `f${index}`,
    description,
    inputs: {},
    outputs: [{ type, base: [0, max], reverse: false, disabled: false }],
  }) as ResolvedFeature;

const features = [
  feature(0, 'L0', 'HwPositionWithDuration', 1000),
  feature(1, 'L1 surge', 'HwPositionWithDuration', 1000),
  feature(2, 'sway', 'HwPositionWithDuration', 1000),
  feature(3, 'R0', 'HwPositionWithDuration', 1000),
  feature(4, 'roll', 'HwPositionWithDuration', 1000),
  feature(5, 'R2 pitch', 'HwPositionWithDuration', 100),
  feature(6, 'V0', 'Vibrate', 99),
  feature(7, 'pump', 'Vibrate', 20),
  feature(8, 'just a motor', 'Vibrate', 99),
];
const ctx = { device: { features } } as unknown as ProtocolContext;

async function lines(handler: ProtocolHandler, cmd: Omit<OutputCommand, 'featureId'>): Promise<string[]> {
  const out = (await handler.output!({ featureId: 'x', ...cmd })) as HardwareCommand[];
  return out.map((c) => (c.kind === 'write' ? Buffer.from(c.data).toString() : c.kind));
}

describe('tcode-v03 multi-axis', () => {
  it('reads the axis a feature description declares', () => {
    expect(declaredAxis('L1 surge')).toBe('L1');
    expect(declaredAxis('r2')).toBe('R2');
    expect(declaredAxis('twist')).toBe('R0');
    expect(declaredAxis('suck')).toBe('A1');
    expect(declaredAxis('Linear')).toBeUndefined();
    expect(declaredAxis('')).toBeUndefined();
  });

  it('drives each declared axis with 4-digit fractions of the feature range', async () => {
    const h = await tcodeV03.create(ctx);
    const move = (featureIndex: number, value: number, duration: number) =>
      lines(h, { featureIndex, type: 'HwPositionWithDuration', value, duration });
    expect(await move(0, 500, 200)).toEqual(['L05000I200\n']);
    expect(await move(1, 1000, 50)).toEqual(['L19999I50\n']);
    expect(await move(2, 7, 10)).toEqual(['L20070I10\n']);
    expect(await move(3, 0, 0)).toEqual(['R00000I0\n']);
    expect(await move(4, 250, 300)).toEqual(['R12500I300\n']);
    expect(await move(5, 50, 100)).toEqual(['R25000I100\n']);
    expect(await lines(h, { featureIndex: 6, type: 'Vibrate', value: 99 })).toEqual(['V09999\n']);
    expect(await lines(h, { featureIndex: 7, type: 'Vibrate', value: 10 })).toEqual(['V15000\n']);
    // a feature without a declared axis keeps the reference encoding
    expect(await lines(h, { featureIndex: 8, type: 'Vibrate', value: 42 })).toEqual(['V842\n']);
  });

  it('refuses a command that does not fit the declared axis', async () => {
    const h = await tcodeV03.create(ctx);
    expect(() =>
      h.output!({ featureIndex: 6, featureId: 'x', type: 'HwPositionWithDuration', value: 1, duration: 1 }),
    ).toThrow(/cannot handle HwPositionWithDuration on TCode axis V0/);
  });
});
