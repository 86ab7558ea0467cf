/**
 * A real PlugkitServer with the simulated backend, for protocol tests that need a toy which
 * answers (or fails to answer) a handshake. Every test stops what it starts via `close`.
 */
import { PlugkitServer } from '../../server-embedded/server/server.js';
import type {
  SimulatedDevice,
  SimulatedDeviceSpec,
} from '../../server-embedded/hardware/simulated/backend.js';
import type { RecordedCommand } from '../../server-embedded/hardware/simulated/simulated-device.js';

export interface Rig {
  server: PlugkitServer;
  logs: string[];
  /** Adds a toy and runs identification + init through the device manager. */
  connect(spec: SimulatedDeviceSpec): Promise<{
    sim: SimulatedDevice;
    device: Awaited<ReturnType<PlugkitServer['manager']['handleCandidate']>>;
  }>;
  close(): Promise<void>;
}

export async function rig(handshakeTimeoutMs = 10_000): Promise<Rig> {
  const logs: string[] = [];
  const server = await PlugkitServer.create({
    log: (level, m) => logs.push(`${level}: ${m}`),
    handshakeTimeoutMs,
  });
  return {
    server,
    logs,
    connect: async (spec) => {
      const sim = server.simulated.add(spec);
      const device = await server.manager.handleCandidate(sim.candidate());
      return { sim, device };
    },
    close: () => server.close(),
  };
}

/** Waits (bounded) until the toy has recorded `count` writes; returns them. */
export async function writesAfter(
  sim: SimulatedDevice,
  count: number,
  ms = 2000,
): Promise<Extract<RecordedCommand, { kind: 'write' }>[]> {
  const end = Date.now() + ms;
  while (sim.writes.length < count && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
  return sim.writes as Extract<RecordedCommand, { kind: 'write' }>[];
}
