import { unhandled, write, type Protocol } from './types.js';

/**
 * Vibratissimo: the model name is read from the BLE device-information model characteristic
 * (`rxblemodel`). Each command first puts the toy in write mode (`03 FF` on `txmode`), then
 * sends every vibrator's speed in one packet on `txvibrate` (padded to two bytes). Battery comes
 * from the standard BLE battery characteristic.
 */
export const vibratissimo: Protocol = {
  name: 'vibratissimo',
  identify: async (hardware) => {
    const data = await hardware.read('rxblemodel', 128, 500);
    try {
      return { identifier: new TextDecoder('utf-8', { fatal: true }).decode(data) };
    } catch {
      return { identifier: hardware.name };
    }
  },
  create: ({ device }) => {
    const count = device.features.filter((f) => f.outputs.some((o) => o.type === 'Vibrate')).length;
    const speeds = new Array<number>(Math.max(count, 1)).fill(0);
    return {
      output: (cmd) => {
        if (cmd.type !== 'Vibrate') return unhandled(cmd.type);
        if (cmd.featureIndex >= speeds.length) return unhandled(`a vibrator at feature ${cmd.featureIndex}`);
        speeds[cmd.featureIndex] = cmd.value & 0xff;
        const data = speeds.length === 1 ? [speeds[0]!, 0x00] : speeds;
        // Tagged per feature (the default), as the reference does.
        return [write('txmode', [0x03, 0xff]), write('txvibrate', data)];
      },
    };
  },
};
