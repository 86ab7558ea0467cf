/**
 * A real plugkit server with one simulated toy, for protocol tests that go beyond the YAML case
 * format (sensor streams, failing handshakes, serial toys). Everything it starts, `close` stops.
 */
import { PlugkitServer } from '../../server-embedded/server/server.js';
import type { ServerDevice } from '../../server-embedded/devices/device.js';
import type {
  SimulatedDevice,
  SimulatedDeviceSpec,
} from '../../server-embedded/hardware/simulated/simulated-device.js';

export interface ToyHarness {
  server: PlugkitServer;
  sim: SimulatedDevice;
  logs: string[];
  /** Presents the toy to the server (the handshake starts). */
  announce(): void;
  /** Announces (if not yet) and resolves with the device, or undefined once the manager gave up. */
  connected(): Promise<ServerDevice | undefined>;
  /** Waits (bounded) until `cond` holds; returns whether it did. */
  until(cond: () => boolean, ms?: number): Promise<boolean>;
  close(): Promise<void>;
}

export async function toyHarness(spec: SimulatedDeviceSpec, handshakeTimeoutMs = 2000): Promise<ToyHarness> {
  const logs: string[] = [];
  const server = await PlugkitServer.create({
    log: (level, m) => logs.push(`${level}: ${m}`),
    handshakeTimeoutMs,
  });
  const sim = server.simulated.add(spec);
  const until = async (cond: () => boolean, ms = 3000) => {
    const end = Date.now() + ms;
    for (;;) {
      if (cond()) return true;
      if (Date.now() >= end) return false;
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const find = () => [...server.manager.devices.values()].find((d) => d.hardware.address === sim.address);
  const gaveUp = () => logs.some((l) => l.includes('not added'));
  let announced = false;
  const announce = () => {
    announced = true;
    server.simulated.announce(sim);
  };
  return {
    server,
    sim,
    logs,
    announce,
    async connected() {
      if (!announced) announce();
      await until(() => find() !== undefined || gaveUp(), handshakeTimeoutMs + 2000);
      return find();
    },
    until,
    close: () => server.close(),
  };
}
