import { describe, expect, it } from 'vitest';
import { HardwareError } from '../../../../server-embedded/hardware/base-hardware.js';
import type { BackendSink } from '../../../../server-embedded/hardware/types.js';
import {
  WebBluetoothBackend,
  webBluetoothUnavailableReason,
} from '../../../../server-embedded/hardware/web-bluetooth/backend.js';
import { requestOptionsFor } from '../../../../server-embedded/hardware/web-bluetooth/filters.js';
import { WebBluetoothHardware } from '../../../../server-embedded/hardware/web-bluetooth/hardware.js';
import type {
  Bluetooth,
  BluetoothDevice,
  BluetoothRemoteGATTCharacteristic,
  BluetoothRemoteGATTServer,
} from '../../../../server-embedded/hardware/web-bluetooth/web-bluetooth-api.js';
import { loadBuiltinDatabase } from '../../../../server-embedded/devices/config/load.js';
import { loadBuiltinDatabase as loadBrowserDatabase } from '../../../../server-embedded/devices/config/load-browser.js';
import { DeviceDatabase } from '../../../../server-embedded/devices/config/database.js';

/** A sink for backends that are only started here: nothing is found, every call is ignored. */
const idleSink: BackendSink = {
  deviceFound: () => {},
  scanFinished: () => {},
  scanFailed: () => {},
  specifiers: () => [],
  log: () => {},
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('requestDevice options from the device database', () => {
  it('cover the built-in database: names, prefixes, advertised services, every GATT service', async () => {
    const db = new DeviceDatabase(await loadBuiltinDatabase());
    const specs = db.specifiers('btle').map((s) => s.btle);
    const { filters = [], optionalServices = [] } = requestOptionsFor(specs);
    expect(filters).toContainEqual({ namePrefix: 'LVS-' });
    expect(filters).toContainEqual({ name: 'Moxie' });
    expect(filters).toContainEqual({ services: ['6e400001-b5a3-f393-e0a9-e50e24dcca9e'] });
    expect(optionalServices).toContain('f000bb03-0451-4000-b000-000000000000');
    for (const s of specs)
      for (const service of Object.keys(s.services)) expect(optionalServices).toContain(service);
    expect(optionalServices.every((u) => UUID.test(u))).toBe(true);
    const keys = filters.map((f) => JSON.stringify(f));
    expect(new Set(keys).size).toBe(keys.length);
    expect(filters.every((f) => f.name === undefined || f.name.length > 0)).toBe(true);
  });

  it('turn `Foo*` into a prefix, widen 16-bit UUIDs, drop names a prefix covers and empty names', () => {
    const options = requestOptionsFor([
      {
        names: ['Foo*', 'FooBar', 'Baz', ''],
        advertisedServices: ['FFE0'],
        services: { fff0: { tx: 'fff2' } },
      },
      { names: ['Baz'], manufacturerData: [{ company: 0x684a }], services: {} },
    ]);
    expect(options).toEqual({
      filters: [
        { name: 'Baz' },
        { namePrefix: 'Foo' },
        { services: ['0000ffe0-0000-1000-8000-00805f9b34fb'] },
        { manufacturerData: [{ companyIdentifier: 0x684a }] },
      ],
      optionalServices: ['0000fff0-0000-1000-8000-00805f9b34fb'],
    });
  });
});

describe('where Web Bluetooth cannot run', () => {
  const bluetooth: Bluetooth = { requestDevice: () => Promise.reject(new Error('unused')) };

  it('names the reason: an insecure page, a browser without it, or nothing at all when it can', () => {
    expect(
      webBluetoothUnavailableReason({
        isSecureContext: false,
        location: { origin: 'http://192.168.1.5:8080' },
      }),
    ).toMatch(
      /secure context: serve this page over https:\/\/ or from http:\/\/localhost \(it is http:\/\/192\.168/,
    );
    expect(webBluetoothUnavailableReason({ isSecureContext: true, navigator: {} })).toMatch(
      /no Web Bluetooth \(Firefox and Safari do not ship it\): use Chrome, Edge/,
    );
    expect(
      webBluetoothUnavailableReason({ isSecureContext: true, navigator: { bluetooth } }),
    ).toBeUndefined();
  });

  it('refuses to start in Node (no navigator.bluetooth) with that reason', async () => {
    const err = await new WebBluetoothBackend().start(idleSink).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HardwareError);
    expect((err as Error).message).toMatch(/no Web Bluetooth/);
  });

  it('refuses to start when the browser sees no adapter', async () => {
    const backend = new WebBluetoothBackend({
      bluetooth: { ...bluetooth, getAvailability: async () => false },
    });
    await expect(backend.start(idleSink)).rejects.toThrow(/no Bluetooth adapter/);
  });
});

describe('the browser database loader', () => {
  it('gives the same built-in data as the Node loader', async () => {
    expect(await loadBrowserDatabase()).toEqual(await loadBuiltinDatabase());
  });
});

describe('writes on a characteristic that allows one write type only', () => {
  /** A connected toy with one service and one characteristic `char`, recording calls. */
  function toy(properties: { write: boolean; writeWithoutResponse: boolean }) {
    const calls: string[] = [];
    const events = { addEventListener: () => {}, removeEventListener: () => {} };
    const char: BluetoothRemoteGATTCharacteristic = {
      ...events,
      uuid: '0000fff2-0000-1000-8000-00805f9b34fb',
      properties,
      readValue: async () => new DataView(new ArrayBuffer(0)),
      writeValueWithResponse: async () => void calls.push('with response'),
      writeValueWithoutResponse: async () => void calls.push('without response'),
      startNotifications: async () => char,
      stopNotifications: async () => char,
    };
    const server: BluetoothRemoteGATTServer = {
      connected: true,
      connect: async () => server,
      disconnect: () => {},
      getPrimaryService: async (uuid) => ({ uuid, getCharacteristic: async () => char }),
      getPrimaryServices: async () => [],
    };
    const device: BluetoothDevice = { ...events, id: 'toy-1', name: 'Toy', gatt: server };
    return { device, calls };
  }
  const spec = { names: ['Toy'], services: { fff0: { tx: 'fff2' } } };

  it('uses the write type the characteristic has, whatever the protocol asked for', async () => {
    const onlyWith = toy({ write: true, writeWithoutResponse: false });
    const hw1 = await WebBluetoothHardware.open(onlyWith.device, spec);
    await hw1.write('tx', Uint8Array.of(1), false);
    const onlyWithout = toy({ write: false, writeWithoutResponse: true });
    const hw2 = await WebBluetoothHardware.open(onlyWithout.device, spec);
    await hw2.write('tx', Uint8Array.of(1), true);
    const both = toy({ write: true, writeWithoutResponse: true });
    const hw3 = await WebBluetoothHardware.open(both.device, spec);
    await hw3.write('tx', Uint8Array.of(1), false);
    await hw3.write('tx', Uint8Array.of(2), true);
    expect([onlyWith.calls, onlyWithout.calls, both.calls]).toEqual([
      ['with response'],
      ['without response'],
      ['without response', 'with response'],
    ]);
  });
});

describe('a database with no Bluetooth LE toys', () => {
  it('fails the scan with that reason instead of opening an empty chooser', async () => {
    const failures: string[] = [];
    let asked = 0;
    const backend = new WebBluetoothBackend({
      bluetooth: {
        requestDevice: () => {
          asked++;
          return Promise.reject(new Error('unused'));
        },
      },
    });
    await backend.start({ ...idleSink, scanFailed: (e) => failures.push(e.message) });
    await backend.startScanning();
    expect(failures).toEqual(['the device database names no Bluetooth LE toys to look for']);
    expect(asked).toBe(0);
  });
});
