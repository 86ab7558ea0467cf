/**
 * Peer: the Rust Buttplug server compiled to WebAssembly (buttplug 1.0.17, `buttplug-v2`), in
 * process with its embedded connector, finding a WeVibe Ditto through a small WebBluetooth
 * stand-in whose characteristic `writeValue` is the hardware write. The wasm package needs
 * `node --experimental-wasm-modules`, so `npm run bench` runs this file as a child process:
 * `node --experimental-wasm-modules peer-buttplug-wasm.js N WARMUP` prints one JSON line of
 * {@link Figures} (or `{"error": …}`).
 */
import { LEVELS, sequential, writeLatch } from './measure.js';

const latch = writeLatch();

/** Just enough of the Web Bluetooth API for the wasm server to find, connect and write a toy. */
function installWebBluetooth(): void {
  const characteristic = {
    oncharacteristicvaluechanged: null as unknown,
    writeValue: (_data: Uint8Array) => {
      latch.fire();
      return Promise.resolve();
    },
    readValue: () => Promise.resolve(new DataView(new ArrayBuffer(1))),
    startNotifications: () => Promise.resolve(characteristic),
  };
  const service = { getCharacteristic: (_uuid: string) => Promise.resolve(characteristic) };
  const device = {
    id: 'bench-ditto',
    name: 'Ditto',
    ongattserverdisconnected: null as unknown,
    gatt: {
      connected: true,
      connect: () => Promise.resolve(device.gatt),
      getPrimaryService: (_uuid: string) => Promise.resolve(service),
      disconnect: () => {},
    },
  };
  const g = globalThis as Record<string, unknown>;
  // The wasm glue asks whether the global object is a Window and reads navigator.bluetooth off it.
  class Window {
    static [Symbol.hasInstance](): boolean {
      return true;
    }
  }
  g['Window'] = Window;
  Object.defineProperty(globalThis, 'navigator', {
    value: { bluetooth: { requestDevice: () => Promise.resolve(device) } },
    configurable: true,
  });
}

async function run(n: number): Promise<void> {
  installWebBluetooth();
  const bp = await import('buttplug-v2');
  await bp.buttplugInit();
  const client = new bp.ButtplugClient('bench');
  const added = new Promise<{ vibrate(level: number): Promise<void> }>((r) =>
    client.on('deviceadded', (d: { vibrate(level: number): Promise<void> }) => r(d)),
  );
  await client.connect(new bp.ButtplugEmbeddedConnectorOptions());
  await client.startScanning();
  const toy = await added;
  const figures = await sequential(async (i) => {
    latch.arm();
    await toy.vibrate(LEVELS[i % 2]!);
    await latch.wait();
  }, n);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
  await client.disconnect().catch(() => {});
}

const guard = setTimeout(() => {
  process.stdout.write(`${JSON.stringify({ error: 'timed out after 300 s' })}\n`);
  process.exit(1);
}, 300_000);
try {
  await run(Number(process.argv[2] ?? 1000));
  clearTimeout(guard);
  process.exit(0);
} catch (err) {
  process.stdout.write(`${JSON.stringify({ error: String((err as Error)?.stack ?? err) })}\n`);
  process.exit(1);
}
