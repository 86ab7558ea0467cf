import { HardwareError } from '../base-hardware.js';
import type { BackendSink, DeviceCandidate } from '../types.js';
import type { DongleLink } from './link.js';
import {
  DongleCode,
  SEARCH_REQUEST,
  STATUS_REQUEST,
  STOP_SEARCH_REQUEST,
  encodeRequest,
  parseDongleLine,
  toyCommand,
  type DongleMessage,
  type DongleRequest,
} from './messages.js';
import { DONGLE_TOY_NAME, DongleToyHardware } from './toy-hardware.js';

/** Waits of the dongle conversation, in ms. */
export interface DongleTimings {
  /**
   * After asking whether a toy is already paired. A dongle with no toy says nothing, and one
   * sent another request too soon after this question locks up, so this wait is always taken.
   */
  statusWaitMs: number;
  /** For the dongle's first answer to a search request, before the scan is given up. */
  searchAnswerMs: number;
  /** For the dongle to confirm that searching stopped after it found a toy. */
  stopSearchWaitMs: number;
}

export const DEFAULT_DONGLE_TIMINGS: DongleTimings = {
  statusWaitMs: 250,
  searchAnswerMs: 3000,
  stopSearchWaitMs: 2000,
};

type State =
  | { kind: 'checking' }
  | { kind: 'idle'; paired?: string }
  | { kind: 'searching'; answered: boolean }
  | { kind: 'stopping'; id: string }
  | { kind: 'toy'; id: string; hardware?: DongleToyHardware }
  | { kind: 'closed' };

/** What a session reports to its backend (the backend sink, minus the config lookups). */
export type SessionSink = Pick<BackendSink, 'deviceFound' | 'scanFinished' | 'scanFailed' | 'log'>;

/**
 * One dongle's conversation. A dongle pairs with one toy at a time:
 *
 * 1. On opening, ask whether a toy is already paired (`statuss`); a `status` answer with 202
 *    and the toy id means yes. Silence for {@link DongleTimings.statusWaitMs} means no.
 * 2. Scanning sends `search`; the dongle acknowledges (205) and reports a toy as `toyData` with
 *    its id. If it stops searching on its own (206) the search is sent again.
 * 3. A found toy ends the search (`stopSearch`, confirmed by 206) and becomes a candidate.
 * 4. While paired, the toy's commands go out as `command` requests and its answers come back
 *    as `toyData` with the reply text; `status` 403 means the toy went away. A scan while paired
 *    finishes at once: the dongle holds no second toy.
 */
export class DongleSession {
  private state: State = { kind: 'checking' };
  /** Scanning was asked for and its end not yet reported. */
  private reporting = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly link: DongleLink,
    private readonly sink: SessionSink,
    private readonly timings: DongleTimings = DEFAULT_DONGLE_TIMINGS,
  ) {
    link.line$.subscribe({
      next: (line) => this.onLine(line),
      complete: () => this.onLinkGone(),
    });
  }

  /** True once the dongle went away or the session was closed. */
  get closed(): boolean {
    return this.state.kind === 'closed';
  }

  /** Asks whether a toy is already paired; resolves once the question is sent. */
  async open(): Promise<void> {
    this.setTimer(this.timings.statusWaitMs, () => this.afterStatusCheck());
    await this.send(STATUS_REQUEST);
  }

  startScanning(): void {
    const s = this.state;
    this.reporting = true;
    switch (s.kind) {
      case 'checking': // the search follows the status check
      case 'searching':
      case 'stopping':
        return;
      case 'idle':
        if (s.paired) {
          this.sink.log('info', `toy ${s.paired} is still paired with the dongle; offering it again`);
          this.enterToy(s.paired);
          this.finishScan();
        } else this.beginSearch();
        return;
      case 'toy':
        this.sink.log('debug', `the dongle holds toy ${s.id} and pairs no second toy; nothing to scan`);
        this.finishScan();
        return;
      case 'closed':
        this.reporting = false;
        this.sink.scanFailed(new HardwareError(`the Lovense dongle (${this.link.description}) is gone`));
    }
  }

  stopScanning(): void {
    this.reporting = false;
    if (this.state.kind === 'searching') {
      this.clearTimer();
      this.state = { kind: 'idle' };
      void this.send(STOP_SEARCH_REQUEST);
    }
    // 'stopping': a toy was found; it is still connected, just not reported as a scan result.
  }

  /** Closes the link; a paired toy's handle reports a disconnect. */
  async close(): Promise<void> {
    this.reporting = false;
    await this.link.close();
    this.onLinkGone();
  }

  private send(req: DongleRequest): Promise<void> {
    const line = encodeRequest(req);
    this.sink.log('debug', `to dongle: ${line}`);
    return this.link.send(line).catch((err: unknown) => {
      this.sink.log('warn', `cannot write to the Lovense dongle: ${(err as Error).message}`);
      throw err;
    });
  }

  private afterStatusCheck(): void {
    if (this.state.kind !== 'checking') return;
    if (this.reporting) this.beginSearch();
    else this.state = { kind: 'idle' };
  }

  private beginSearch(): void {
    this.state = { kind: 'searching', answered: false };
    this.setTimer(this.timings.searchAnswerMs, () => {
      if (this.state.kind !== 'searching' || this.state.answered) return;
      this.state = { kind: 'idle' };
      this.failScan(
        `the Lovense dongle (${this.link.description}) did not answer the search request within ${this.timings.searchAnswerMs} ms`,
      );
    });
    this.send(SEARCH_REQUEST).catch((err: unknown) => {
      if (this.state.kind !== 'searching') return;
      this.clearTimer();
      this.state = { kind: 'idle' };
      this.failScan(`cannot start the Lovense dongle search: ${(err as Error).message}`);
    });
  }

  private onLine(line: string): void {
    const { messages, errors } = parseDongleLine(line);
    for (const e of errors) this.sink.log('warn', `ignoring a line from the Lovense dongle: ${e.message}`);
    for (const m of messages) this.onMessage(m);
  }

  private onMessage(m: DongleMessage): void {
    this.sink.log('debug', `from dongle: ${JSON.stringify(m)}`);
    const s = this.state;
    const status = m.func === 'status' ? m.data?.status : undefined;
    switch (s.kind) {
      case 'checking':
      case 'idle':
      case 'searching':
        if (s.kind === 'searching' && !s.answered) {
          s.answered = true;
          this.clearTimer();
        }
        if (status === DongleCode.ToyConnected && m.data?.id) {
          this.sink.log('info', `the dongle is paired with toy ${m.data.id}`);
          this.clearTimer();
          this.enterToy(m.data.id);
          this.finishScan();
          return;
        }
        if (s.kind === 'idle' && s.paired && status === DongleCode.ToyDisconnected) {
          this.state = { kind: 'idle' };
          return;
        }
        if (s.kind === 'searching') return this.onSearchMessage(m);
        this.unhandled(m);
        return;
      case 'stopping':
        if (m.func === 'search' && m.result === DongleCode.SearchStopped) {
          this.clearTimer();
          this.connectFound(s.id);
        } else if (!(m.func === 'stopSearch' && m.result === DongleCode.CommandSuccess)) this.unhandled(m);
        return;
      case 'toy':
        if (status === DongleCode.ToyDisconnected) {
          this.sink.log('info', `toy ${s.id} disconnected from the dongle`);
          this.state = { kind: 'idle' };
          s.hardware?.lost();
          return;
        }
        if (m.func === 'toyData' && m.data?.data !== undefined) {
          if (m.data.id !== undefined && m.data.id !== s.id)
            this.sink.log('warn', `ignoring a reply from toy ${m.data.id}; the dongle holds ${s.id}`);
          else s.hardware?.received(m.data.data);
          return;
        }
        this.unhandled(m);
        return;
      case 'closed':
        return;
    }
  }

  private onSearchMessage(m: DongleMessage): void {
    if (m.func === 'search' && m.result === DongleCode.SearchStarted) return;
    if (m.func === 'search' && m.result === DongleCode.SearchStopped) {
      this.sink.log('debug', 'the dongle stopped searching on its own; searching again');
      void this.send(SEARCH_REQUEST).catch(() => {});
      return;
    }
    if (m.func === 'toyData' && m.data?.id) {
      const id = m.data.id;
      this.sink.log('info', `the dongle found toy ${id}`);
      this.state = { kind: 'stopping', id };
      // Without the confirmation the toy is taken anyway: it is paired either way.
      this.setTimer(this.timings.stopSearchWaitMs, () => {
        if (this.state.kind !== 'stopping') return;
        this.sink.log('warn', `the dongle did not confirm the end of its search; using toy ${id}`);
        this.connectFound(id);
      });
      void this.send(STOP_SEARCH_REQUEST).catch(() => {});
      return;
    }
    if (m.func === 'toyData' && m.result !== undefined) {
      this.state = { kind: 'idle' };
      this.failScan(`the Lovense dongle ended its search with result ${m.result}`);
      return;
    }
    this.unhandled(m);
  }

  private connectFound(id: string): void {
    this.enterToy(id);
    this.finishScan();
  }

  private enterToy(id: string): void {
    const state: Extract<State, { kind: 'toy' }> = { kind: 'toy', id };
    this.state = state;
    const candidate: DeviceCandidate = {
      bus: 'btle',
      name: DONGLE_TOY_NAME,
      address: id,
      connect: async () => {
        if (this.state !== state) throw new HardwareError(`toy ${id} is no longer paired with the dongle`);
        if (state.hardware) throw new HardwareError(`toy ${id} is already connected`);
        state.hardware = new DongleToyHardware(
          id,
          (text) => this.send(toyCommand(id, text)),
          () => {
            if (this.state === state) this.state = { kind: 'idle', paired: id };
          },
        );
        return state.hardware;
      },
    };
    this.sink.deviceFound(candidate);
  }

  private unhandled(m: DongleMessage): void {
    this.sink.log('debug', `no use for dongle message ${JSON.stringify(m)} while ${this.state.kind}`);
  }

  private finishScan(): void {
    if (!this.reporting) return;
    this.reporting = false;
    this.sink.scanFinished();
  }

  private failScan(reason: string): void {
    this.sink.log('warn', reason);
    if (!this.reporting) return;
    this.reporting = false;
    this.sink.scanFailed(new HardwareError(reason));
  }

  private onLinkGone(): void {
    if (this.state.kind === 'closed') return;
    const s = this.state;
    this.state = { kind: 'closed' };
    this.clearTimer();
    if (s.kind === 'toy') s.hardware?.lost();
    if (this.reporting) {
      this.reporting = false;
      this.sink.scanFailed(new HardwareError(`the Lovense dongle (${this.link.description}) went away`));
    }
  }

  private setTimer(ms: number, fn: () => void): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      fn();
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
