import type { BackendSink, HardwareBackend } from '../types.js';
import type { DongleLink } from './link.js';
import { DEFAULT_DONGLE_TIMINGS, DongleSession, type DongleTimings } from './session.js';

/**
 * Finds and opens a dongle. Resolves undefined when none is plugged in; rejects when one is there
 * but cannot be opened (busy, no permission), with the reason.
 */
export type DongleFinder = (log: BackendSink['log']) => Promise<DongleLink | undefined>;

export interface LovenseDongleBackendOptions {
  /** Backend name: `lovense-dongle-serial` or `lovense-dongle-hid`. */
  name: string;
  find: DongleFinder;
  timings?: Partial<DongleTimings>;
}

/**
 * The Lovense USB dongle as a backend. The dongle is looked for when scanning starts (so one
 * plugged in later is found by the next scan) and kept open until it goes away; toys it pairs
 * with are offered as Lovense candidates whose `tx`/`rx` go through it.
 */
export class LovenseDongleBackend implements HardwareBackend {
  readonly name: string;
  private sink: BackendSink | undefined;
  private session: DongleSession | undefined;
  private opening: Promise<DongleSession | undefined> | undefined;
  private readonly timings: DongleTimings;
  private closed = false;

  constructor(private readonly opts: LovenseDongleBackendOptions) {
    this.name = opts.name;
    this.timings = { ...DEFAULT_DONGLE_TIMINGS, ...opts.timings };
  }

  async start(sink: BackendSink): Promise<void> {
    this.sink = sink;
  }

  async startScanning(): Promise<void> {
    const sink = this.sink;
    if (!sink) throw new Error(`${this.name}: startScanning before start`);
    const session = await this.ensureSession(sink);
    if (!session) {
      sink.log('info', 'no Lovense dongle is plugged in');
      sink.scanFinished();
      return;
    }
    session.startScanning();
  }

  async stopScanning(): Promise<void> {
    this.session?.stopScanning();
  }

  async close(): Promise<void> {
    this.closed = true;
    const session = this.session ?? (await this.opening?.catch(() => undefined));
    this.session = undefined;
    await session?.close();
  }

  private ensureSession(sink: BackendSink): Promise<DongleSession | undefined> {
    if (this.session && !this.session.closed) return Promise.resolve(this.session);
    this.opening ??= (async () => {
      try {
        const link = await this.opts.find(sink.log);
        if (!link) return undefined;
        if (this.closed) {
          await link.close();
          return undefined;
        }
        sink.log('info', `using the Lovense dongle on ${link.description}`);
        const session = new DongleSession(link, sink, this.timings);
        this.session = session;
        await session.open().catch(() => {}); // a write failure is logged; the link's end closes the session
        return session;
      } finally {
        this.opening = undefined;
      }
    })();
    return this.opening;
  }
}
