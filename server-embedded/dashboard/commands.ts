/**
 * Commands from the dashboard page: validated here (the page, or anything that reached its
 * socket, is outside input) and carried out on the server: add a simulated toy found in the
 * device database, remove one, make one send a notification or drop its link, stop everything.
 */
import { PlugkitError } from '../../sdk/protocol/errors.js';
import { resolveSimulatedName } from '../devices/simulate-names.js';
import type { SimulatedDevice } from '../hardware/simulated/backend.js';
import type { PlugkitServer } from '../server/server.js';
import type { ToyCatalog } from './catalog.js';
import type { CatalogEntry, DashboardCommand } from './messages.js';

/** Simulated toys the dashboard may add over its lifetime, so a runaway page cannot grow the server. */
export const MAX_ADDED_TOYS = 64;

const bad = (path: string, message: string) =>
  new PlugkitError('ERROR_MSG', 'InvalidMessageContents', `dashboard command ${path} ${message}`);

type Fields = Record<string, unknown>;

const text = (o: Fields, key: string, max: number, pattern?: RegExp): string => {
  const v = o[key];
  if (typeof v !== 'string') throw bad(`$.${key}`, `must be a string, got ${typeof v}`);
  if (v.length > max) throw bad(`$.${key}`, `must be at most ${max} characters, got ${v.length}`);
  if (pattern && !pattern.test(v)) throw bad(`$.${key}`, `has an unexpected form: ${JSON.stringify(v)}`);
  return v;
};

const bytes = (o: Fields, key: string, max: number): number[] => {
  const v = o[key];
  if (!Array.isArray(v)) throw bad(`$.${key}`, 'must be an array of bytes (0..255)');
  if (v.length === 0 || v.length > max) throw bad(`$.${key}`, `must hold 1..${max} bytes, got ${v.length}`);
  v.forEach((b: unknown, i) => {
    if (typeof b !== 'number' || !Number.isInteger(b) || b < 0 || b > 255)
      throw bad(`$.${key}[${i}]`, `must be a whole number 0..255, got ${JSON.stringify(b)}`);
  });
  return v as number[];
};

/** An endpoint name as device configs spell them (tx, rx, rxblebattery, command, …). */
const ENDPOINT = /^[a-z][a-z0-9_]{0,31}$/;
/** Printable text without control characters. */
const PRINTABLE = /^[^\p{Cc}]*$/u;

/**
 * Parses one text frame from the page into a command, or throws a PlugkitError naming the JSON
 * path of the bad field. `id` is returned separately so even a refused command gets an answer.
 */
export function parseCommand(frame: string): {
  id: number;
  command?: DashboardCommand;
  /** The page drew the updates up to this `seq` (an `AckMessage`). */
  ack?: number;
  error?: PlugkitError;
} {
  let raw: unknown;
  try {
    raw = JSON.parse(frame);
  } catch {
    return { id: 0, error: bad('$', 'is not JSON') };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { id: 0, error: bad('$', 'must be a JSON object like {"id": 1, "cmd": "stop-all"}') };
  const o = raw as Fields;
  if ('ack' in o && !('cmd' in o)) {
    const ack = o.ack;
    if (typeof ack !== 'number' || !Number.isInteger(ack) || ack < 0)
      return { id: 0, error: bad('$.ack', 'must be a whole number ≥ 0') };
    return { id: 0, ack };
  }
  const id = o.id;
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id > 2 ** 31)
    return { id: 0, error: bad('$.id', 'must be a whole number 0..2^31') };
  try {
    switch (o.cmd) {
      case 'search':
        return { id, command: { id, cmd: 'search', text: text(o, 'text', 100, PRINTABLE) } };
      case 'add':
        return { id, command: { id, cmd: 'add', name: text(o, 'name', 100, PRINTABLE) } };
      case 'remove':
      case 'drop':
        return { id, command: { id, cmd: o.cmd, address: text(o, 'address', 200, PRINTABLE) } };
      case 'notify':
        return {
          id,
          command: {
            id,
            cmd: 'notify',
            address: text(o, 'address', 200, PRINTABLE),
            endpoint: text(o, 'endpoint', 32, ENDPOINT),
            data: bytes(o, 'data', 256),
          },
        };
      case 'stop-all':
        return { id, command: { id, cmd: 'stop-all' } };
      default:
        throw bad(
          '$.cmd',
          `must be one of search, add, remove, drop, notify, stop-all; got ${JSON.stringify(o.cmd)}`,
        );
    }
  } catch (err) {
    return { id, error: err instanceof PlugkitError ? err : bad('$', String(err)) };
  }
}

/** What a command did: a sentence for the page, and search results. */
export interface CommandOutcome {
  message: string;
  results?: CatalogEntry[];
}

/** Carries out the page's commands on one server. */
export class CommandRunner {
  private added = 0;
  private seq = 0;

  constructor(
    private readonly server: PlugkitServer,
    private readonly catalog: ToyCatalog,
  ) {}

  private simulated(address: string): SimulatedDevice {
    const d = this.server.simulated.devices.find((x) => x.address === address);
    if (!d) throw bad('$.address', `no simulated toy has the address ${JSON.stringify(address)}`);
    return d;
  }

  /** Runs a parsed command; throws a PlugkitError the page shows. */
  async run(c: DashboardCommand): Promise<CommandOutcome> {
    switch (c.cmd) {
      case 'search': {
        const results = this.catalog.search(c.text);
        return { message: `${results.length} toys found`, results };
      }
      case 'add': {
        if (this.added >= MAX_ADDED_TOYS)
          throw new PlugkitError(
            'INVALID_ARGUMENT',
            'TooManySimulatedToys',
            `the dashboard adds at most ${MAX_ADDED_TOYS} simulated toys per run; remove some or restart the server`,
          );
        const { name } = resolveSimulatedName(this.server.manager.database, c.name);
        const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
        let address: string;
        do address = `dash-${++this.seq}-${slug}`;
        while (this.server.simulated.devices.some((d) => d.address === address));
        const device = this.server.simulated.add({ name, address });
        this.added++;
        // Found at once, as if the user had switched it on next to a scanning server.
        this.server.simulated.announce(device);
        return { message: `added simulated "${name}" (${address})` };
      }
      case 'remove': {
        const d = this.simulated(c.address);
        this.server.simulated.remove(d);
        return { message: `removed simulated "${d.name}"` };
      }
      case 'drop': {
        const d = this.simulated(c.address);
        if (!d.connected)
          throw new PlugkitError('ERROR_DEVICE', 'DeviceNotAvailable', `"${d.name}" is not connected`);
        d.drop();
        return { message: `"${d.name}" dropped its link` };
      }
      case 'notify': {
        const d = this.simulated(c.address);
        if (!d.notify(c.endpoint, c.data))
          throw new PlugkitError(
            'ERROR_DEVICE',
            'NotSubscribed',
            `"${d.name}" sent nothing: it is not connected, or its protocol has not subscribed to endpoint "${c.endpoint}"`,
          );
        return { message: `"${d.name}" sent ${c.data.length} bytes on ${c.endpoint}` };
      }
      case 'stop-all': {
        await this.server.manager.stopAll();
        const n = this.server.manager.devices.size;
        return { message: `stopped ${n} device${n === 1 ? '' : 's'}` };
      }
    }
  }
}
