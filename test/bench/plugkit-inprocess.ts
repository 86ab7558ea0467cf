/** plugkit's own in-process path: client call → embedded server → simulated WeVibe Ditto write. */
import { connect } from '../../sdk/client/connect.js';
import { embedded } from '../../server-embedded/transport/embedded.js';
import { LEVELS, sequential, writeLatch, type Figures } from './measure.js';

/** The toy the issue measures with; its advertised name selects the WeVibe protocol. */
export const TOY = 'Ditto';

/** An embedded server with `devices` simulated Dittos and a connected plugkit client. */
export async function plugkitSetup(devices = 1) {
  const transport = embedded({
    simulate: Array.from({ length: devices }, (_, i) => ({ name: TOY, address: `bench-${i}` })),
    log: 'off',
  });
  const client = await connect({ name: 'bench', transports: [transport] });
  await client.startScanning();
  for (let i = 0; client.devices.length < devices; i++) {
    if (i > 2000) throw new Error(`only ${client.devices.length} of ${devices} simulated toys appeared`);
    await new Promise((r) => setTimeout(r, 5));
  }
  const server = transport.server!;
  const outputs = client.devices.map((d) => d.outputs('Vibrate')[0]!);
  const latch = writeLatch();
  const subs = server.simulated.devices.map((sim) => sim.command$.subscribe(() => latch.fire()));
  return {
    outputs,
    /** Sets `outputs[i % devices]` to the next level and waits for the reply and the toy's write. */
    one: async (i: number) => {
      latch.arm();
      const level = LEVELS[Math.floor(i / devices) % 2]!;
      await outputs[i % devices]!.set(level);
      await latch.wait();
    },
    close: async () => {
      for (const s of subs) s.unsubscribe();
      await client.disconnect();
    },
  };
}

/** One measured run of the single-toy in-process path. */
export async function plugkitInProcess(n?: number): Promise<Figures> {
  const s = await plugkitSetup(1);
  try {
    return await sequential(s.one, n);
  } finally {
    await s.close();
  }
}
