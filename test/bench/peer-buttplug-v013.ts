/**
 * Peer: the last TypeScript Buttplug server, buttplug 0.13.2 (`buttplug-v013`), in process with
 * its embedded connector. Its WeVibe protocol drives a stand-in device whose `WriteValueInternal`
 * is the hardware write, so the path matches plugkit's: client call → server → protocol → write.
 */
import {
  ButtplugClient,
  ButtplugDevice,
  ButtplugDeviceImpl,
  ButtplugEmbeddedClientConnector,
  ButtplugLogger,
  ButtplugServer,
  type ButtplugClientDevice,
  type ButtplugDeviceReadOptions,
  type ButtplugDeviceWriteOptions,
} from 'buttplug-v013';
import { WeVibe } from 'buttplug-v013/dist/main/src/devices/protocols/WeVibe.js';
import { EventEmitter } from 'node:events';
import { LEVELS, sequential, writeLatch, type Figures } from './measure.js';

class StandInDitto extends ButtplugDeviceImpl {
  constructor(private readonly onWrite: () => void) {
    super('Ditto', 'bench-ditto');
  }
  async Connect(): Promise<void> {}
  get Connected(): boolean {
    return true;
  }
  Disconnect(): void {}
  async WriteValueInternal(_value: Buffer, _options: ButtplugDeviceWriteOptions): Promise<void> {
    this.onWrite();
  }
  async ReadValueInternal(_options: ButtplugDeviceReadOptions): Promise<Buffer> {
    return Buffer.alloc(0);
  }
  async SubscribeToUpdatesInternal(_options: ButtplugDeviceReadOptions): Promise<void> {}
}

/** Finds the one stand-in toy when the server scans. */
class StandInManager extends EventEmitter {
  private scanning = false;
  constructor(private readonly device: ButtplugDevice) {
    super();
  }
  get IsScanning(): boolean {
    return this.scanning;
  }
  SetLogger(): void {}
  StartScanning(): void {
    this.scanning = true;
    this.emit('deviceadded', this.device);
    this.scanning = false;
    this.emit('scanningfinished');
  }
  StopScanning(): void {
    this.scanning = false;
  }
}

/** One measured run. */
export async function buttplugV013InProcess(n?: number): Promise<Figures> {
  ButtplugLogger.Logger.MaximumConsoleLogLevel = 0;
  const latch = writeLatch();
  const impl = new StandInDitto(() => latch.fire());
  const device = new ButtplugDevice(new WeVibe(impl), impl);
  const server = new ButtplugServer('bench', 0);
  server.AddDeviceManager(new StandInManager(device));
  const connector = new ButtplugEmbeddedClientConnector();
  connector.Server = server;
  const client = new ButtplugClient('bench');
  const added = new Promise<ButtplugClientDevice>((r) => client.once('deviceadded', r));
  await client.Connect(connector);
  await client.StartScanning();
  const toy = await added;
  try {
    return await sequential(async (i) => {
      latch.arm();
      await toy.SendVibrateCmd(LEVELS[i % 2]!);
      await latch.wait();
    }, n);
  } finally {
    await client.Disconnect();
    await server.Shutdown();
  }
}
