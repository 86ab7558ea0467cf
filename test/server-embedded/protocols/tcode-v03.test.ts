import { describe, expect, it } from 'vitest';
import { tcodeV03 } from '../../../server-embedded/protocols/tcode-v03.js';
import type {
  HardwareCommand,
  OutputCommand,
  ProtocolHandler,
} from '../../../server-embedded/protocols/types.js';

const handler = tcodeV03.create({} as never) as ProtocolHandler;
const text = async (cmd: Omit<OutputCommand, 'featureId'>) =>
  ((await handler.output!({ featureId: 'f', ...cmd })) as HardwareCommand[]).map((c) =>
    c.kind === 'write' ? `${c.endpoint}:${Buffer.from(c.data).toString()}:${c.withResponse}` : c.kind,
  );

describe('tcode-v03 protocol', () => {
  it('linear moves: axis from the feature index, position at least 2 digits, duration in ms', async () => {
    expect(await text({ featureIndex: 0, type: 'HwPositionWithDuration', value: 51, duration: 200 })).toEqual(
      ['tx:L051I200\n:false'],
    );
    expect(await text({ featureIndex: 0, type: 'HwPositionWithDuration', value: 7, duration: 0 })).toEqual([
      'tx:L007I0\n:false',
    ]);
    expect(
      await text({ featureIndex: 0, type: 'HwPositionWithDuration', value: 510, duration: 1500 }),
    ).toEqual(['tx:L0510I1500\n:false']);
  });

  it('vibration: V<feature><speed, 2 digits>', async () => {
    expect(await text({ featureIndex: 1, type: 'Vibrate', value: 99 })).toEqual(['tx:V199\n:false']);
    expect(await text({ featureIndex: 1, type: 'Vibrate', value: 0 })).toEqual(['tx:V100\n:false']);
  });

  it('plain position drives the linear and roll axes together', async () => {
    expect(await text({ featureIndex: 0, type: 'Position', value: 42 })).toEqual(['tx:L0042\nR0042\n:false']);
  });

  it('refuses outputs it cannot drive', () => {
    expect(() => handler.output!({ featureIndex: 0, featureId: 'f', type: 'Rotate', value: 3 })).toThrow(
      /cannot handle Rotate/,
    );
  });
});
