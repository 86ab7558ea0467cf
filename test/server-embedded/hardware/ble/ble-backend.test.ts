import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { DeviceOutput, type ButtplugClientDevice } from 'buttplug';
import { BleBackend } from '../../../../server-embedded/hardware/ble/backend.js';
import type { Noble } from '../../../../server-embedded/hardware/ble/noble-types.js';
import { loadBleBackend } from '../../../../server-embedded/hardware/ble/load.js';
import { canonicalUuid } from '../../../../server-embedded/hardware/ble/uuid.js';
import type { BackendSink, DeviceCandidate } from '../../../../server-embedded/hardware/types.js';
import { DeviceDatabase } from '../../../../server-embedded/devices/config/database.js';
import { loadBuiltinDatabase } from '../../../../server-embedded/devices/config/load.js';
import { EmulatedRadio, type EmulatedPeripheralSpec } from './emulated-bindings.js';
import { nextEvent, serveAndConnect, until } from '../../../support/official-client.js';

const require = createRequire(import.meta.url);
/** The real noble module on our emulated radio, through noble's documented custom-bindings entry. */
const nobleOn = (radio: EmulatedRadio): Noble =>
  (require('@abandonware/noble/with-bindings') as (b: unknown) => Noble)(radio);

const SERVICE = '0000ff00-0000-1000-8000-00805f9b34fb';
const TX = '0000ff01-0000-1000-8000-00805f9b34fb';
const vivi = (id: string): EmulatedPeripheralSpec => ({
  id,
  localName: 'Massage Demo',
  gatt: { [SERVICE]: [{ uuid: TX, properties: ['write', 'writeWithoutResponse'] }] },
});

const collectingSink = (found: DeviceCandidate[]): BackendSink => ({
  deviceFound: (c) => found.push(c),
  scanFinished: () => {},
  scanFailed: () => {},
  specifiers: () => [],
  log: () => {},
});

describe('Bluetooth LE backend on the real noble module (emulated radio)', () => {
  it('turns advertisements into candidates the database matches: name prefix, manufacturer data, advertised service', async () => {
    const radio = new EmulatedRadio();
    radio.add({ id: 'aa01', localName: 'FUNCODE_X1', gatt: {} });
    radio.add({ id: 'aa02', localName: 'Nameless', manufacturerData: [0x4a, 0x68, 0x01, 0x02], gatt: {} });
    radio.add({ id: 'aa03', localName: 'Other', serviceUuids: ['1320'], gatt: {} });
    radio.add({ id: 'aa04', localName: 'Not a toy', gatt: {} });
    const backend = new BleBackend({ noble: nobleOn(radio) });
    const found: DeviceCandidate[] = [];
    await backend.start(collectingSink(found));
    await backend.startScanning();
    await until(() => found.length === 4, 'four advertisements');
    await backend.close();
    expect(radio.log).toEqual(['startScanning', 'stopScanning']);

    const byId = new Map(found.map((c) => [c.address, c]));
    expect(byId.get('aa02')!.manufacturerData).toEqual([{ company: 0x684a, data: [1, 2] }]);
    expect(byId.get('aa03')!.advertisedServices).toEqual(['00001320-0000-1000-8000-00805f9b34fb']);
    const db = new DeviceDatabase(await loadBuiltinDatabase());
    const protocolOf = (id: string) => db.match(byId.get(id)!).map((m) => m.protocol);
    expect(protocolOf('aa01')).toEqual(['cueme']);
    expect(protocolOf('aa02')).toEqual(['fluffer']);
    expect(protocolOf('aa03')).toEqual(['adrienlastic']);
    expect(protocolOf('aa04')).toEqual([]);
  });

  it('normalises noble UUID forms to the config form', () => {
    expect(canonicalUuid('ff00')).toBe(SERVICE);
    expect(canonicalUuid('0000ff0000001000800000805f9b34fb')).toBe(SERVICE);
    expect(canonicalUuid('6E400001-B5A3-F393-E0A9-E50E24DCCA9E')).toBe(
      '6e400001-b5a3-f393-e0a9-e50e24dcca9e',
    );
  });

  it('connects, writes, reads, subscribes to notifications and notices a drop-out', async () => {
    const radio = new EmulatedRadio();
    const RX = '0000ff02-0000-1000-8000-00805f9b34fb';
    const toy = radio.add({
      id: 'bb01',
      localName: 'Sensor Toy',
      gatt: {
        [SERVICE]: [
          { uuid: TX, properties: ['write'] },
          { uuid: RX, properties: ['read', 'notify'], value: [0x2a] },
        ],
      },
    });
    const backend = new BleBackend({ noble: nobleOn(radio) });
    const found: DeviceCandidate[] = [];
    await backend.start(collectingSink(found));
    await backend.startScanning();
    await until(() => found.length === 1, 'the advertisement');
    const hw = await found[0]!.connect({
      bus: 'btle',
      btle: {
        names: ['Sensor Toy'],
        services: { [SERVICE]: { tx: TX, rx: RX, missing: '0000ffff-0000-1000-8000-00805f9b34fb' } },
      },
    });
    expect([...hw.endpoints].sort()).toEqual(['rx', 'tx']);
    await hw.write('tx', Uint8Array.from([1, 2, 3]), true);
    await hw.write('tx', Uint8Array.from([4]), false);
    expect(toy.writes.map((w) => [w.data, w.withoutResponse])).toEqual([
      [[1, 2, 3], false],
      [[4], true],
    ]);
    expect([...(await hw.read('rx', 1, 1000))]).toEqual([0x2a]);
    await expect(hw.write('nope', Uint8Array.from([1]), false)).rejects.toThrow(/no endpoint "nope"/);

    const got: number[][] = [];
    hw.notification$.subscribe((n) => got.push([...n.data]));
    expect(toy.notify(SERVICE, RX, [9])).toBe(false); // not subscribed yet
    await hw.subscribe('rx');
    expect(toy.notify(SERVICE, RX, [7, 7])).toBe(true);
    await until(() => got.length === 1, 'the notification');
    expect(got).toEqual([[7, 7]]);

    let gone = false;
    hw.disconnected$.subscribe({ complete: () => (gone = true) });
    toy.dropOut();
    await until(() => gone, 'the disconnect');
    await expect(hw.write('tx', Uint8Array.from([1]), false)).rejects.toThrow(/disconnected/);
    await backend.close();
  });

  it('a peripheral without the specifier services is refused and left disconnected', async () => {
    const radio = new EmulatedRadio();
    const toy = radio.add({
      id: 'cc01',
      localName: 'Massage Demo',
      gatt: { '0000aaaa-0000-1000-8000-00805f9b34fb': [] },
    });
    const backend = new BleBackend({ noble: nobleOn(radio) });
    const found: DeviceCandidate[] = [];
    await backend.start(collectingSink(found));
    await backend.startScanning();
    await until(() => found.length === 1, 'the advertisement');
    await expect(
      found[0]!.connect({
        bus: 'btle',
        btle: { names: ['Massage Demo'], services: { [SERVICE]: { tx: TX } } },
      }),
    ).rejects.toThrow(/exposes none of the expected services/);
    await until(() => !toy.connected, 'the disconnect');
    await backend.close();
  });

  it('end to end: a v4 client finds the emulated Aneros Vivi, vibrates it, sees it drop out and return at its index', async () => {
    const radio = new EmulatedRadio();
    const toy = radio.add(vivi('dd01'));
    const run = await serveAndConnect({ backends: [new BleBackend({ noble: nobleOn(radio) })] });
    try {
      const added = nextEvent<ButtplugClientDevice>(run.client, 'deviceadded');
      await run.client.startScanning();
      const device = await added;
      expect(device.name).toBe('Aneros Vivi');
      expect(device.index).toBe(0);

      // BLE toys are paced (75 ms batches): Ok means queued, so wait for the write itself.
      await device.features.get(0)!.runOutput(DeviceOutput.Vibrate.percent(0.5));
      await until(() => toy.writes.length === 1, 'the first write to reach the toy');
      expect(toy.writes.map((w) => w.data)).toEqual([[0xf1, 0x40]]);
      expect(toy.writes[0]!.characteristic).toBe(TX.replace(/-/g, ''));

      // Drop-out mid-command: the write is never acknowledged, then the link drops.
      toy.holdWrites = true;
      const removed = nextEvent<ButtplugClientDevice>(run.client, 'deviceremoved');
      const pending = device.features.get(1)!.runOutput(DeviceOutput.Vibrate.percent(1));
      await until(() => toy.writes.length === 2, 'the second write to reach the toy');
      toy.dropOut();
      // The command was acknowledged when queued; the write in flight fails inside the server
      // (logged), and the client learns of the loss through the device list.
      await pending;
      expect((await removed).index).toBe(0);
      expect(run.server.manager.devices.size).toBe(0);

      // Another Vivi appears meanwhile: it must not take index 0, which belongs to the first.
      const second = nextEvent<ButtplugClientDevice>(run.client, 'deviceadded');
      const other = radio.add(vivi('dd02'));
      expect((await second).index).toBe(1);

      toy.holdWrites = false;
      const back = nextEvent<ButtplugClientDevice>(run.client, 'deviceadded');
      toy.comeBack();
      const returned = await back;
      expect(returned.index).toBe(0);
      expect(returned.name).toBe('Aneros Vivi');
      const before = toy.writes.length;
      await returned.features.get(1)!.runOutput(DeviceOutput.Vibrate.percent(0.25));
      await until(() => toy.writes.length === before + 1, 'the write after the return');
      expect(toy.writes.at(-1)!.data).toEqual([0xf2, 32]);
      expect(other.writes).toEqual([]);
      await run.client.stopScanning();
    } finally {
      await run.stop();
    }
  });

  it('the system noble here reports why Bluetooth LE is unavailable', async () => {
    const outcome = await loadBleBackend({ stateWaitMs: 200 }).then(
      () => 'active',
      (err: Error) => err.message,
    );
    // This machine (and CI) has no Bluetooth socket; a machine with a radio gets a backend.
    if (outcome !== 'active')
      expect(outcome).toMatch(/^this system has no Bluetooth socket \(EAFNOSUPPORT\)$|adapter|permission/);
  });

  it('maps a failing noble import to a precise reason', async () => {
    const fail = (code: string) => async () => {
      throw Object.assign(new Error(`${code}, something`), { code });
    };
    await expect(loadBleBackend({ importNoble: fail('EAFNOSUPPORT') })).rejects.toThrow(
      'this system has no Bluetooth socket (EAFNOSUPPORT)',
    );
    await expect(loadBleBackend({ importNoble: fail('EPERM') })).rejects.toThrow(
      /no permission .* \(EPERM\)/,
    );
  });
});
