import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock, connect, type PlugkitClient } from '../../../sdk/index.js';
import { rejection } from '../../support/observables.js';
import { scriptedServer } from './scripted-server.js';

let client: PlugkitClient | undefined;
afterEach(async () => {
  await client?.disconnect();
  client = undefined;
});

const twoMotors = {
  DeviceIndex: 0,
  DeviceName: 'Aneros Vivi',
  DeviceMessageTimingGap: 0,
  DeviceFeatures: {
    '0': { FeatureIndex: 0, FeatureDescription: '', Output: { Vibrate: { Value: [0, 127] } } },
    '1': { FeatureIndex: 1, FeatureDescription: '', Output: { Vibrate: { Value: [0, 127] } } },
  },
};

describe('level errors name what is wrong, not a number that reads like the value', () => {
  it('says which motor got which level', async () => {
    const clock = new VirtualClock();
    const server = scriptedServer({ clock, devices: [twoMotors] });
    client = await connect({ name: 'levels', transports: server.transport, clock });
    const toy = client.devices[0]!;
    const message = async (p: Promise<unknown>) => {
      const err = await rejection(p);
      expect(err.code).toBe('INVALID_ARGUMENT');
      return err.message;
    };
    expect(await message(toy.vibrate([0.5, 1.5]))).toBe(
      'motor 1: level 1.5 is out of range 0..1 (0 is off, 1 is full).',
    );
    expect(await message(toy.vibrate([-0.2, 0.5]))).toBe(
      'motor 0: level -0.2 is out of range 0..1 (0 is off, 1 is full).',
    );
    expect(await message(toy.vibrate([0, Number.NaN]))).toBe(
      'motor 1: level must be a number in 0..1; got NaN.',
    );
    expect(await message(toy.vibrate(2))).toBe('vibrate level 2 is out of range 0..1 (0 is off, 1 is full).');
    expect(await message(toy.outputs('Vibrate')[1]!.set(1.01))).toBe(
      'Vibrate level 1.01 is out of range 0..1 (0 is off, 1 is full).',
    );
    expect(server.received.filter((m) => m.type === 'OutputCmd')).toEqual([]);
  });
});
